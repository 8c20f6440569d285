import { Connection } from 'mongoose';
import { ReadinessCheck } from './readiness-check';

export function mongoReadiness(connection: Connection): ReadinessCheck {
  return {
    name: 'mongodb',
    async check() {
      if (!connection.db) throw new Error('not connected');
      await connection.db.command({ ping: 1 });
    },
  };
}
