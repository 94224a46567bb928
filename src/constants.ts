// Every id the manifest and the code share, in one place.

export const Commands = {
  refresh: 'upskill.refresh',
  openInstructions: 'upskill.openInstructions',
  startExercise: 'upskill.startExercise',
  checkExercise: 'upskill.checkExercise',
  showHint: 'upskill.showHint',
  showSolution: 'upskill.showSolution',
  resetExercise: 'upskill.resetExercise',
  nextExercise: 'upskill.nextExercise',
  exportProgress: 'upskill.exportProgress',
  importProgress: 'upskill.importProgress',
  showOutput: 'upskill.showOutput',
  startTimer: 'upskill.startStudyTimer',
  pauseTimer: 'upskill.pauseStudyTimer',
  stopTimer: 'upskill.stopStudyTimer',
  toggleTimer: 'upskill.toggleStudyTimer',
  setWeeklyGoal: 'upskill.setWeeklyStudyGoal',
  showStudyTime: 'upskill.showStudyTime',
  showExercise: 'upskill.showExercise',
  openTerminal: 'upskill.openTerminal',
  openDashboard: 'upskill.openDashboard',
  exportLearningLog: 'upskill.exportLearningLog',
  checkEnvironment: 'upskill.checkEnvironment',
  getStarted: 'upskill.getStarted',
  openWalkthrough: 'upskill.openWalkthrough',
  assessProject: 'upskill.assessProject',
} as const;

export const Views = {
  skills: 'upskill.skills',
  exercise: 'upskill.exercise',
  checklist: 'upskill.checklist',
} as const;

/** Webview panel types (the serializer restores them by this id). */
export const Panels = {
  dashboard: 'upskill.dashboard',
  environment: 'upskill.environment',
  assessment: 'upskill.assessment',
} as const;

/** The walkthrough, as `workbench.action.openWalkthrough` names it: `<publisher>.<name>#<id>`. */
export const WALKTHROUGH = 'upskill.upskill#upskill.getStarted';

export const ContextKeys = {
  /** The active editor shows a file of a started exercise (enables the editor-title Check button). */
  inExercise: 'upskill.inExercise',
  /** The last Check Environment found everything an exercise needs (completes the walkthrough's first step). */
  environmentReady: 'upskill.environmentReady',
  /** Some exercise was started (progress other than "to do"): Check, Reset and the rest can act. */
  hasStartedExercise: 'upskill.hasStartedExercise',
  /** An exercise was started in this window (completes the walkthrough's second step). */
  startedAnExercise: 'upskill.startedAnExercise',
  studyTimerRunning: 'upskill.studyTimerRunning',
  /** The study timer is running or paused: Stop can act. */
  studyTimerActive: 'upskill.studyTimerActive',
} as const;

export const Settings = {
  section: 'upskill',
  contentPaths: 'contentPaths',
  exercisesFolder: 'exercisesFolder',
  pythonPath: 'pythonPath',
  checkTimeoutSeconds: 'checkTimeoutSeconds',
  checkOnSave: 'checkOnSave',
  timerGoalHours: 'timer.weeklyGoalHours',
  timerFirstDay: 'timer.firstDayOfWeek',
  timerIdleMinutes: 'timer.idleMinutes',
  timerPomodoro: 'timer.pomodoro.enabled',
  timerFocusMinutes: 'timer.pomodoro.focusMinutes',
  timerBreakMinutes: 'timer.pomodoro.breakMinutes',
  timerAutoStart: 'timer.autoStart',
  instructionsBesideCode: 'instructionsBesideCode',
  hideSkillsWithoutExercises: 'hideSkillsWithoutExercises',
  assessRunTests: 'assess.runTests',
  assessRunWorkflows: 'assess.runWorkflows',
} as const;

export const StorageKeys = {
  /** workspaceState: ids of tree nodes the learner expanded or collapsed. */
  treeExpansion: 'upskill.tree.expansion',
  /** globalState: the walkthrough was opened once, on the first start. */
  walkthroughShown: 'upskill.walkthrough.shown',
} as const;

/** Folder, inside the first workspace folder, that holds started exercises. */
export const EXERCISES_DIR = 'upskill-exercises';
/** Folder beside the exercises where Reset keeps the learner's previous files. */
export const BACKUPS_DIR = '.backups';
/** Workspace folder that holds a team's or a learner's own tracks. */
export const WORKSPACE_CONTENT_DIR = '.upskill';
