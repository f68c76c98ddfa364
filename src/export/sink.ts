import type { Writable } from 'node:stream';

/**
 * Writes text to a stream and, when its buffer is full, waits for it to drain: a slow reader
 * (a pipe, a disk) then holds the export back instead of letting output pile up in memory.
 * Rejects if the stream has failed or closes before draining (e.g. EPIPE when a reader quits).
 */
export async function writeDrained(out: Writable, text: string): Promise<void> {
  if (text === '') return;
  if (out.errored) throw out.errored;
  if (out.destroyed || out.writableEnded) throw new Error('the output was closed before the export finished');
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (err?: Error | null): void => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => done();
    const onClose = (): void => done(out.errored ?? new Error('the output was closed before the export finished'));
    const onError = (e: Error): void => done(e);
    out.on('drain', onDrain).on('close', onClose).on('error', onError);
  });
}
