// The study timer's commands.

import { Commands } from '../constants';
import type { StudyTimer } from '../services/studyTimer';
import type { StudyTimerItem } from '../statusBar/studyTimerItem';

export interface TimerHandlers {
  readonly timer: StudyTimer;
  readonly timerItem: StudyTimerItem;
}

export function timerCommands(s: TimerHandlers): Record<string, (...args: unknown[]) => unknown> {
  return {
    [Commands.startTimer]: () => s.timer.start(),
    [Commands.pauseTimer]: () => s.timer.pause(),
    [Commands.stopTimer]: () => s.timer.stop(),
    [Commands.toggleTimer]: () => s.timer.toggle(),
    [Commands.setWeeklyGoal]: () => s.timerItem.setWeeklyGoal(),
    [Commands.showStudyTime]: () => s.timerItem.showStudyTime(),
  };
}
