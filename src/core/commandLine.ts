// A command line as a person would type it in a POSIX shell: for logs and messages only,
// never run through a shell. Here in core because the extension's own bundle logs command
// lines too, and it must not pull the check engine in to do so.

export function quoteArg(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(argv: readonly string[]): string {
  return argv.map(quoteArg).join(' ');
}
