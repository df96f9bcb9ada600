/**
 * Runs `task` at most once per animation frame however often `request` is called, so that a
 * burst of scroll events costs one read of the page per frame. `cancel` drops a pending run.
 */
export function createFrameTask(task: (time: number) => void): { request: () => void; cancel: () => void } {
  let frame = 0;
  return {
    request: () => {
      frame ||= requestAnimationFrame((time) => {
        frame = 0;
        task(time);
      });
    },
    cancel: () => {
      cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}
