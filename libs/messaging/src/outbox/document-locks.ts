import { Injectable } from '@nestjs/common';
import { KeyedMutex } from '@dtp/platform';

/**
 * Serialises, within one process, every write to a document that carries an outbox: the
 * service's own read-compute-write and the relay's removal of published entries.
 *
 * Why: FerretDB 1.24 applies an update as read-modify-write without isolation, so two
 * concurrent updates of one document lose one of them (docs/adr/0002). On MongoDB the
 * conditional updates alone are enough; the lock costs nothing there and keeps the
 * CI server honest. It does not protect across processes: on FerretDB, run one replica per
 * service (as CI and the local platform do).
 */
@Injectable()
export class DocumentLocks {
  private readonly mutex = new KeyedMutex();

  run<T>(collection: string, id: unknown, task: () => Promise<T>): Promise<T> {
    return this.mutex.run(`${collection}/${String(id)}`, task);
  }
}
