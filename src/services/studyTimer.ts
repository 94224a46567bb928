// The study timer of this window: commands go through the pure transitions in
// core/studyTimer.ts and are stored in StudyStore. Only the window that holds the timer's
// lease schedules anything (its heartbeat, the idle check, the Pomodoro phase); stopped,
// the timer schedules nothing and its listeners are gone. What the learner sees (status
// bar, notifications) is the statusBar surface's job: this service fires events.

import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { Settings } from '../constants';
import { Emitter, type Disposable } from '../core/events';
import { DisposableBase } from '../core/lifecycle';
import type { Exercise } from '../core/model';
import { Scheduler } from '../core/scheduler';
import { GENERAL_STUDY, MINUTE_MS, type FirstDayOfWeek, type StudySummary, dayKey, summarize, weekStart } from '../core/study';
import { type Attribution, HEARTBEAT_MS, type Timed, type TimerState, STOPPED, attribute, heartbeat, holds, pause, start, stop } from '../core/studyTimer';
import type { StudyStore } from '../state/studyStore';

export interface TimerSettings {
  readonly goalMs: number;
  readonly firstDay: FirstDayOfWeek;
  readonly idleMs: number;
  readonly pomodoro: boolean;
  readonly focusMs: number;
  readonly breakMs: number;
  readonly autoStart: boolean;
}

/** The timer's settings in milliseconds; `minuteMs` is 60 s except under the e2e tests' seam (`timerMinuteMs`). */
export function readTimerSettings(minuteMs = MINUTE_MS): TimerSettings {
  const c = vscode.workspace.getConfiguration(Settings.section);
  const hours = c.get<number>(Settings.timerGoalHours, 10);
  return {
    goalMs: Math.max(0, hours) * 60 * minuteMs,
    firstDay: c.get<string>(Settings.timerFirstDay, 'monday') === 'sunday' ? 'sunday' : 'monday',
    idleMs: Math.max(1, c.get<number>(Settings.timerIdleMinutes, 10)) * minuteMs,
    pomodoro: c.get<boolean>(Settings.timerPomodoro, false),
    focusMs: Math.max(1, c.get<number>(Settings.timerFocusMinutes, 25)) * minuteMs,
    breakMs: Math.max(1, c.get<number>(Settings.timerBreakMinutes, 5)) * minuteMs,
    autoStart: c.get<boolean>(Settings.timerAutoStart, false),
  };
}

export type TimerNews =
  | { readonly kind: 'goalReached'; readonly summary: StudySummary }
  | { readonly kind: 'breakStarted'; readonly breakMs: number }
  | { readonly kind: 'breakOver' }
  | { readonly kind: 'resumedAfterIdle'; readonly idleMs: number };

/** Where time goes: the active exercise's skill, else general study. */
export interface AttributionSource {
  readonly current: Exercise | undefined;
  readonly onDidChange: vscode.Event<Exercise | undefined>;
}

/**
 * The attribution source of a timer that starts before the exercise being worked on can be
 * known: general study until `attach` hands it the real source (ActiveExercise, made with
 * the rest of the extension on first use; before that no exercise is active anyway).
 */
export class AttributionOnFirstUse extends DisposableBase implements AttributionSource {
  private source?: AttributionSource;
  private readonly changed = this.register(new Emitter<Exercise | undefined>());
  readonly onDidChange = this.changed.event;

  get current(): Exercise | undefined {
    return this.source?.current;
  }

  attach(source: AttributionSource): void {
    this.source = source;
    this.register(source.onDidChange((e) => this.changed.fire(e)));
    if (source.current) this.changed.fire(source.current);
  }
}

export class StudyTimer extends DisposableBase {
  /** This window, in the sessions it writes and the lease it holds. */
  readonly window = randomBytes(6).toString('hex');
  readonly scheduler = this.register(new Scheduler());
  private state: Timed | undefined;
  private settings: TimerSettings;
  private lastActivity = 0;
  private idleSince?: number;
  /** What is scheduled and listened to while this window times: gone when it does not. */
  private armed: Disposable[] = [];
  private readonly changed = this.register(new Emitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly news = this.register(new Emitter<TimerNews>());
  readonly onNews = this.news.event;

  constructor(
    private readonly store: StudyStore,
    private readonly attribution: AttributionSource,
    private readonly clock: () => number = Date.now,
    /** The timer's minute: 60 s, shorter only under the e2e tests' seam (`timerMinuteMs`). */
    readonly minuteMs = MINUTE_MS,
  ) {
    super();
    this.settings = readTimerSettings(minuteMs);
    // The one place that announces a change: the store fires once per change, with the new
    // state, whoever wrote it (this window's transitions or another window's), so a surface
    // renders once and never from the state before.
    this.register(
      store.onDidChange((state) => {
        this.state = state;
        this.changed.fire();
      }),
    );
    this.register({ dispose: () => this.disarm() });
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(`${Settings.section}.timer`)) return;
        this.settings = readTimerSettings(this.minuteMs);
        void this.sync();
      }),
    );
    // Another window may have started, paused or stopped the timer; a window the learner
    // comes back to takes the running timer over, so that its activity keeps it alive.
    this.register(
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) void this.onFocus();
      }),
    );
    this.register(attribution.onDidChange(() => void this.reattribute()));
  }

  get timer(): TimerState {
    return this.state?.timer ?? STOPPED;
  }

  get settingsNow(): TimerSettings {
    return this.settings;
  }

  /** Reads the stored timer (once at start-up, then on focus); resumes timing if this window held it. */
  async sync(): Promise<void> {
    this.state = await this.store.refresh();
    this.rearm();
  }

  summary(weeks = 12): StudySummary {
    const now = this.clock();
    const t = this.timer;
    const live = t.status === 'running' && t.sessionId && holds(t, t.owner ?? '', now) ? { sessionId: t.sessionId, until: now } : undefined;
    return summarize(this.state?.log ?? { sessions: [], daily: {}, foldedBefore: 0 }, now, { goalMs: this.settings.goalMs, firstDay: this.settings.firstDay, weeks, liveUntil: live });
  }

  async start(): Promise<void> {
    this.lastActivity = this.clock();
    await this.apply((s) => this.startIn(s));
  }

  private startIn(s: Timed): Timed {
    return start(s, this.clock(), this.window, this.currentAttribution(), this.settings.pomodoro);
  }

  async pause(): Promise<void> {
    await this.apply((s) => pause(s, this.clock(), 'user'));
  }

  async stop(): Promise<void> {
    await this.apply((s) => stop(s, this.clock()));
  }

  async toggle(): Promise<void> {
    this.lastActivity = this.clock();
    // Decided on the state as stored when the change is made, not as this window last saw it.
    await this.apply((s) => (s.timer.status === 'running' ? pause(s, this.clock(), 'user') : this.startIn(s)));
  }

  /** Starting or checking an exercise starts the timer, when the learner asked for that. */
  async autoStart(): Promise<void> {
    if (!this.settings.autoStart) return;
    this.lastActivity = this.clock();
    await this.apply((s) => (s.timer.status === 'running' ? s : this.startIn(s)));
  }

  private currentAttribution(): Attribution {
    const e = this.attribution.current;
    return e ? { skill: e.skillId, exercise: e.id } : { skill: GENERAL_STUDY };
  }

  private async apply(change: (s: Timed) => Timed): Promise<void> {
    this.state = await this.store.apply(change);
    this.rearm();
  }

  /** On focus (and at start-up in a focused window): show the stored timer, and take it over if it runs elsewhere. */
  async onFocus(): Promise<void> {
    await this.sync();
    const t = this.timer;
    if (t.status !== 'running' || t.owner === this.window) return;
    // Taken over only if it still runs elsewhere when the change is made: it may have been
    // paused a moment ago, and a takeover must not start it again.
    this.lastActivity = this.clock();
    await this.apply((s) => (s.timer.status === 'running' && s.timer.owner !== this.window ? this.startIn(s) : s));
  }

  private async reattribute(): Promise<void> {
    if (!holds(this.timer, this.window, this.clock())) return;
    await this.apply((s) => attribute(s, this.clock(), this.window, this.currentAttribution()));
  }

  // ---- What this window schedules while it times --------------------------------------------

  private disarm(): void {
    for (const d of this.armed) d.dispose();
    this.armed = [];
  }

  /** Schedules exactly what the current state needs in this window, and nothing otherwise. */
  private rearm(): void {
    this.disarm();
    const t = this.timer;
    const now = this.clock();
    if (holds(t, this.window, now)) {
      // HEARTBEAT_MS is one minute: the timer's own minute.
      this.armed.push(this.scheduler.after((HEARTBEAT_MS / MINUTE_MS) * this.minuteMs, () => void this.beat()));
      this.watchActivity();
      this.armIdle();
      if (t.phase?.kind === 'focus') this.armed.push(this.scheduler.after(t.phase.since + this.settings.focusMs - now, () => void this.startBreak()));
    } else if (t.status === 'paused' && t.pausedBy === 'idle') {
      // Paused for idleness in this window: the next activity resumes it.
      this.watchActivity();
    } else if (t.status === 'paused' && t.pausedBy === 'break' && t.phase) {
      this.armed.push(this.scheduler.after(t.phase.since + this.settings.breakMs - now, () => this.news.fire({ kind: 'breakOver' })));
    }
  }

  private watchActivity(): void {
    const onActivity = () => {
      this.lastActivity = this.clock();
      const t = this.timer;
      if (t.status === 'paused' && t.pausedBy === 'idle') void this.resumeAfterIdle();
    };
    this.armed.push(
      vscode.workspace.onDidChangeTextDocument(onActivity),
      vscode.window.onDidChangeTextEditorSelection(onActivity),
      vscode.window.onDidChangeWindowState(onActivity),
      vscode.window.onDidChangeActiveTextEditor(onActivity),
    );
  }

  private armIdle(): void {
    this.lastActivity = Math.max(this.lastActivity, this.timer.segmentStart ?? 0);
    const check = () => {
      const idleFor = this.clock() - this.lastActivity;
      if (idleFor >= this.settings.idleMs) {
        this.idleSince = this.lastActivity;
        const since = this.lastActivity;
        void this.apply((s) => (holds(s.timer, this.window, this.clock()) ? pause(s, since, 'idle') : s));
      }
      else this.armed.push(this.scheduler.after(this.settings.idleMs - idleFor, check));
    };
    this.armed.push(this.scheduler.after(this.settings.idleMs - (this.clock() - this.lastActivity), check));
  }

  private async resumeAfterIdle(): Promise<void> {
    const idleMs = this.clock() - (this.idleSince ?? this.clock());
    let resumed = false;
    await this.apply((s) => {
      resumed = s.timer.status === 'paused' && s.timer.pausedBy === 'idle';
      return resumed ? this.startIn(s) : s;
    });
    if (resumed) this.news.fire({ kind: 'resumedAfterIdle', idleMs: Math.max(0, idleMs) });
  }

  private async beat(): Promise<void> {
    await this.apply((s) => heartbeat(s, this.clock(), this.window));
    await this.announceGoal();
  }

  private async startBreak(): Promise<void> {
    let started = false;
    await this.apply((s) => {
      started = holds(s.timer, this.window, this.clock());
      return started ? pause(s, this.clock(), 'break') : s;
    });
    if (started) this.news.fire({ kind: 'breakStarted', breakMs: this.settings.breakMs });
  }

  /** The weekly goal is announced once per week, by whichever window sees it first. */
  private async announceGoal(): Promise<void> {
    const summary = this.summary(1);
    if (this.settings.goalMs <= 0 || summary.thisWeekMs < this.settings.goalMs) return;
    const week = dayKey(weekStart(this.clock(), this.settings.firstDay));
    if (this.timer.goalAnnouncedWeek === week) return;
    let first = false;
    await this.apply((s) => {
      first = s.timer.goalAnnouncedWeek !== week;
      return first ? { ...s, timer: { ...s.timer, goalAnnouncedWeek: week } } : s;
    });
    if (first) this.news.fire({ kind: 'goalReached', summary });
  }
}
