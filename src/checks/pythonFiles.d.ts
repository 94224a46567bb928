// Python sources Upskill ships (resources/python): esbuild's text loader inlines each one
// into the bundle as a string, so a check writes them beside the copy it runs in and never
// has to find the extension's install folder.
declare module '*.py' {
  const source: string;
  export default source;
}
