// The study timer in the status bar: this week against the goal, the current session while
// it runs, a click to start or pause. It redraws once a minute (on the minute) only while
// the timer runs and this window has focus; otherwise when something changes. Minutes, not
// seconds: a label that changes every second closes its own tooltip under the mouse. (The
// e2e tests shorten the timer's minute through a test-only seam, `timerMinuteMs`.)

import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';
import type { Disposable } from '../core/events';
import { DisposableBase } from '../core/lifecycle';
import { GENERAL_STUDY, MINUTE_MS, type StudySummary } from '../core/study';
import { runElapsed } from '../core/studyTimer';
import type { StudyTimer, TimerNews } from '../services/studyTimer';

/** "3h 20m", "45m", "0m". `minuteMs` is shorter only under the e2e tests' seam (`timerMinuteMs`). */
export function formatHours(ms: number, minuteMs = MINUTE_MS): string {
  const minutes = Math.floor(ms / minuteMs);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? (m > 0 ? `${h}h ${m}m` : `${h}h`) : `${m}m`;
}

/** The session as "0:25" (h:mm). */
export function formatClock(ms: number, minuteMs = MINUTE_MS): string {
  const minutes = Math.floor(ms / minuteMs);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * Skill titles for the tooltip and Show Study Time. The catalog loads on first use, not for
 * the timer: until something loads it, the tooltip names the skill by its id.
 */
export interface SkillTitles {
  /** The skill's title if the catalog is loaded already. */
  titleOf(skillId: string): string | undefined;
  /** Loads the catalog if nothing did yet. */
  load(): Promise<unknown>;
}

export class StudyTimerItem extends DisposableBase {
  private readonly item = this.register(vscode.window.createStatusBarItem('upskill.studyTimer', vscode.StatusBarAlignment.Left, 50));
  private ticking?: Disposable;
  /** The latest transient status-bar message: replaced, not piled up, on each resume. */
  private message?: Disposable;
  private focused = vscode.window.state.focused;
  private lastTooltip?: string;
  private shown = false;

  constructor(
    private readonly timer: StudyTimer,
    private readonly skills: SkillTitles,
  ) {
    super();
    this.item.name = 'Upskill Study Timer';
    this.item.command = Commands.toggleTimer;
    this.register(timer.onDidChange(() => this.render()));
    this.register(timer.onNews((n) => void this.announce(n)));
    this.register(
      vscode.window.onDidChangeWindowState((s) => {
        this.focused = s.focused;
        this.render();
      }),
    );
    this.register({ dispose: () => this.ticking?.dispose() });
    this.register({ dispose: () => this.message?.dispose() });
    // Not drawn yet: the first draw is of the stored state, once the timer has read it
    // (its first change), rather than of "0m" before that.
  }

  /** Draws the item if nothing did yet: the stored state could not be read, say. */
  show(): void {
    if (!this.shown) this.render();
  }

  private render(): void {
    const t = this.timer.timer;
    const summary = this.timer.summary(1);
    const goal = this.timer.settingsNow.goalMs;
    const week = `${this.hours(summary.thisWeekMs)} / ${this.hours(goal)}`;
    const session = this.clockText(runElapsed(t, Date.now()));
    if (t.status === 'running') this.item.text = `$(watch) ${session} · ${week}`;
    else if (t.status === 'paused') this.item.text = `$(debug-pause) ${session} · ${week}`;
    else this.item.text = `$(watch) ${week}`;
    const state = t.status === 'running' ? `running, this session ${session}` : t.status === 'paused' ? `paused (${pauseReason(t.pausedBy)}), this session ${session}` : 'stopped';
    this.item.accessibilityInformation = {
      label: `Upskill study timer ${state}. This week ${this.hours(summary.thisWeekMs)} of a ${this.hours(goal)} goal. ${t.status === 'running' ? 'Click to pause.' : 'Click to start.'}`,
      role: 'button',
    };
    // Re-set only when it changes: a tooltip replaced at each redraw would flicker while open.
    const tooltipState = t.status === 'running' ? 'running' : t.status === 'paused' ? `paused (${pauseReason(t.pausedBy)})` : 'stopped';
    const tooltip = this.tooltip(summary, tooltipState);
    if (tooltip.value !== this.lastTooltip) {
      this.lastTooltip = tooltip.value;
      this.item.tooltip = tooltip;
    }
    this.scheduleTick(t.status === 'running' && this.focused);
    if (!this.shown) {
      this.shown = true;
      this.item.show();
    }
  }

  /** In the timer's minutes (60 s, shorter only under the e2e tests' seam). */
  private hours(ms: number): string {
    return formatHours(ms, this.timer.minuteMs);
  }

  private clockText(ms: number): string {
    return formatClock(ms, this.timer.minuteMs);
  }

  private tooltip(summary: StudySummary, state: string): vscode.MarkdownString {
    const t = this.timer.timer;
    const skill = t.attribution?.skill;
    const skillTitle = !skill || skill === GENERAL_STUDY ? 'general study' : (this.skillTitle(skill) ?? skill);
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**Upskill study timer**: ${state}\n\n`);
    md.appendMarkdown(`| | |\n|---|---|\n`);
    md.appendMarkdown(`| Today | ${this.hours(summary.todayMs)} |\n`);
    md.appendMarkdown(`| This week | ${this.hours(summary.thisWeekMs)} of ${this.hours(summary.goalMs)} |\n`);
    md.appendMarkdown(`| Streak | ${summary.streakWeeks} week${summary.streakWeeks === 1 ? '' : 's'} at goal |\n`);
    if (t.status !== 'stopped') md.appendMarkdown(`| Timing | ${escapeMd(skillTitle)} |\n`);
    md.appendMarkdown(`\n${t.status === 'running' ? 'Click to pause' : 'Click to start'} · [Show Study Time](command:${Commands.showStudyTime})`);
    md.isTrusted = { enabledCommands: [Commands.showStudyTime] };
    return md;
  }

  private skillTitle(id: string): string | undefined {
    return this.skills.titleOf(id);
  }

  /** One timeout at a time, only while running in a focused window. */
  private scheduleTick(on: boolean): void {
    this.ticking?.dispose();
    // On the session's next whole minute, so the label turns over when the minute does.
    const t = this.timer.timer;
    const minute = this.timer.minuteMs;
    const next = minute - (runElapsed(t, Date.now()) % minute);
    this.ticking = on ? this.timer.scheduler.after(next + 50, () => this.render()) : undefined;
  }

  /** Show Study Time: this week by day and by skill, as a quick view until the Checklist draws charts. */
  async showStudyTime(): Promise<void> {
    await this.timer.sync();
    await this.skills.load();
    const s = this.timer.summary(1);
    const day = (key: string) => new Date(`${key}T12:00:00`).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'short' });
    const items: vscode.QuickPickItem[] = [
      { label: 'This week', kind: vscode.QuickPickItemKind.Separator },
      { label: `$(watch) ${this.hours(s.thisWeekMs)} of ${this.hours(s.goalMs)}`, description: `streak: ${s.streakWeeks} week${s.streakWeeks === 1 ? '' : 's'} at goal` },
      { label: 'By day', kind: vscode.QuickPickItemKind.Separator },
      ...s.thisWeekDays.map((d) => ({ label: day(d.day), description: this.hours(d.ms) })),
      { label: 'By skill', kind: vscode.QuickPickItemKind.Separator },
      ...Object.entries(s.thisWeekBySkill)
        .sort((a, b) => b[1] - a[1])
        .map(([skill, ms]) => ({ label: skill === GENERAL_STUDY ? 'General study' : (this.skillTitle(skill) ?? skill), description: this.hours(ms) })),
    ];
    if (Object.keys(s.thisWeekBySkill).length === 0) items.push({ label: 'Nothing timed yet this week', description: 'click the timer in the status bar to start' });
    await vscode.window.showQuickPick(items, { title: 'Upskill: study time this week', placeHolder: 'Time goes to the skill of the exercise you are working on' });
  }

  /** Set Weekly Study Goal: hours, stored in the user setting. */
  async setWeeklyGoal(): Promise<void> {
    const current = this.timer.settingsNow.goalMs / (60 * this.timer.minuteMs);
    const answer = await vscode.window.showInputBox({
      title: 'Upskill: weekly study goal',
      prompt: 'Hours of study per week (the careers advice behind Upskill suggests at least 10)',
      value: String(current),
      validateInput: (v) => (/^\d+(\.\d+)?$/.test(v.trim()) && Number(v) > 0 && Number(v) <= 100 ? undefined : 'A number of hours between 0 and 100, for example 10 or 7.5'),
    });
    if (answer === undefined) return;
    await vscode.workspace.getConfiguration(Settings.section).update(Settings.timerGoalHours, Number(answer), vscode.ConfigurationTarget.Global);
  }

  private async announce(n: TimerNews): Promise<void> {
    switch (n.kind) {
      case 'resumedAfterIdle':
        // Said once, where the timer is, without a notification.
        this.message?.dispose();
        this.message = vscode.window.setStatusBarMessage(`$(watch) Study timer resumed (it had paused after ${this.hours(n.idleMs)} without activity)`, 8000);
        return;
      case 'goalReached':
        void vscode.window.showInformationMessage(`You reached this week's study goal: ${this.hours(n.summary.thisWeekMs)} of ${this.hours(n.summary.goalMs)}. Consistency beats intensity: well done.`);
        return;
      case 'breakStarted':
        void vscode.window.showInformationMessage(`Focus block done: take a ${this.hours(n.breakMs)} break. The study timer is paused.`);
        return;
      case 'breakOver':
        if ((await vscode.window.showInformationMessage('Break over: ready for the next focus block?', 'Resume Timer')) === 'Resume Timer') await this.timer.start();
        return;
    }
  }
}

function pauseReason(r: string | undefined): string {
  return r === 'idle' ? 'no activity' : r === 'break' ? 'Pomodoro break' : 'by you';
}

function escapeMd(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
