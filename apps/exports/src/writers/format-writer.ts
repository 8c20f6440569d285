import { Writable } from 'node:stream';
import { ExportJob } from '@dtp/contracts';
import { ExportDocument } from '../documents/export-document';

/** Turns a document into one file format, writing to a stream as the rows arrive. */
export interface FormatWriter {
  readonly format: ExportJob.Format;
  readonly contentType: string;
  readonly extension: string;
  /** `onRow` is called once per detail row written, for progress. */
  write(document: ExportDocument, out: Writable, onRow: () => void): Promise<void>;
}

/** Writes a chunk and waits when the stream asks to, so a slow disk slows the export, not memory. */
export async function writeChunk(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      out.off('drain', done);
      out.off('error', done);
      if (error) reject(error);
      else resolve();
    };
    out.once('drain', done);
    out.once('error', done);
  });
}

/** Resolves once a stream has flushed everything (or rejects with its error). */
export function finished(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
  });
}
