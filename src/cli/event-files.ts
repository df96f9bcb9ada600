import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** Appends NDJSON text to one file per UTC day in a folder. */
export interface EventFiles {
  /**
   * Appends `text` (whole lines) to the file of the UTC day of `at`, in one piece: nothing of
   * another append lands inside it. Resolves once the operating system has it, so a process
   * stopped after that loses none of it; rejects, with nothing of it left in the file, when it
   * could not be written.
   */
  append(text: string, at: number): Promise<void>;
  /** Waits for the appends under way and closes the files. */
  close(): Promise<void>;
}

/** `<dir>/<YYYY-MM-DD>.ndjson` for the UTC day of `at`. */
export function dayFile(dir: string, at: number): string {
  return join(dir, `${new Date(at).toISOString().slice(0, 10)}.ndjson`);
}

interface Waiting {
  text: Buffer;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface OpenFile {
  handle: Promise<{ handle: FileHandle; size: number }>;
  waiting: Waiting[];
  writing: Promise<void> | null;
}

/**
 * Opens the day files of `dir` (made when missing) for appending. Appends that arrive while a
 * write is under way wait and then go together in one write (a group commit): under load, one
 * system call carries many requests, and each request's lines stay contiguous. A write that fails
 * is cut back off the file, so no half line is ever left. One collector per folder.
 */
export async function openEventFiles(dir: string): Promise<EventFiles> {
  await mkdir(dir, { recursive: true });
  const files = new Map<string, OpenFile>();

  const openFile = (path: string): OpenFile => {
    const file: OpenFile = {
      handle: open(path, 'a').then(async (handle) => ({ handle, size: (await handle.stat()).size })),
      waiting: [],
      writing: null,
    };
    // A day's file that fails to open is tried again at the next append.
    file.handle.catch(() => files.delete(path));
    files.set(path, file);
    return file;
  };

  const drain = async (file: OpenFile, path: string): Promise<void> => {
    while (file.waiting.length) {
      const batch = file.waiting;
      file.waiting = [];
      try {
        const opened = await file.handle;
        await writeAll(opened, Buffer.concat(batch.map((w) => w.text)));
        batch.forEach((w) => w.resolve());
      } catch (error) {
        batch.forEach((w) => w.reject(error));
      }
    }
    file.writing = null;
    closeOtherDays(path);
  };

  /** Once a new day has begun and the old day's file is idle, it is closed. */
  const closeOtherDays = (current: string) => {
    for (const [path, file] of files) {
      if (path === current || file.writing || file.waiting.length) continue;
      files.delete(path);
      void file.handle.then(({ handle }) => handle.close()).catch(() => {});
    }
  };

  return {
    append(text, at) {
      const path = dayFile(dir, at);
      const file = files.get(path) ?? openFile(path);
      return new Promise<void>((resolve, reject) => {
        file.waiting.push({ text: Buffer.from(text), resolve, reject });
        file.writing ??= drain(file, path);
      });
    },
    async close() {
      await Promise.all([...files.values()].map((file) => file.writing));
      await Promise.all([...files.values()].map((file) => file.handle.then(({ handle }) => handle.close(), () => {})));
      files.clear();
    },
  };
}

/** Writes every byte (a write may take fewer than asked); on failure, truncates back to where it began. */
async function writeAll(opened: { handle: FileHandle; size: number }, data: Buffer): Promise<void> {
  let written = 0;
  try {
    while (written < data.length) written += (await opened.handle.write(data, written, data.length - written)).bytesWritten;
    opened.size += data.length;
  } catch (error) {
    await opened.handle.truncate(opened.size).catch(() => {});
    throw error;
  }
}
