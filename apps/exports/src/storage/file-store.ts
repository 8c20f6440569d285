import { createReadStream, createWriteStream, ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { EXPORTS_CONFIG, ExportsConfig } from '../config';

const KEY = /^[A-Za-z0-9-]+\.[a-z]+$/;

/**
 * Finished files in a directory (a volume in k8s). A file is written under a temporary name and
 * renamed when complete, so a download never sees half a file and a crash leaves only `.part`.
 */
@Injectable()
export class FileStore {
  private readonly directory: string;

  constructor(@Inject(EXPORTS_CONFIG) config: Pick<ExportsConfig, 'EXPORTS_DIR'>) {
    this.directory = resolve(config.EXPORTS_DIR);
  }

  /** Writes a file through `write` and returns its size; nothing is left behind if it fails. */
  async put(key: string, write: (out: Writable) => Promise<void>): Promise<number> {
    const path = this.pathOf(key);
    const part = `${path}.part`;
    await mkdir(this.directory, { recursive: true });
    const out = createWriteStream(part, { flags: 'w' });
    try {
      await write(out);
      if (!out.writableFinished) await new Promise<void>((done, fail) => out.end(() => done()).once('error', fail));
      await rename(part, path);
      return (await stat(path)).size;
    } catch (error) {
      out.destroy();
      await rm(part, { force: true });
      throw error;
    }
  }

  open(key: string): ReadStream {
    return createReadStream(this.pathOf(key));
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      () => true,
      () => false,
    );
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    // Keys are made here (job id + extension); the check keeps any other path out.
    if (!KEY.test(key)) throw new Error(`not a file key: ${key}`);
    return join(this.directory, key);
  }
}
