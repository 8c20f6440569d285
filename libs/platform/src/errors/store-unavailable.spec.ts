import { MongoNetworkError, MongoNotConnectedError, MongoServerError, MongoServerSelectionError, MongoTopologyClosedError } from 'mongodb';
import { isStoreUnavailable } from './store-unavailable';

describe('isStoreUnavailable', () => {
  it.each([
    ['a lost connection', new MongoNetworkError('connection closed')],
    ['no server to select', new MongoServerSelectionError('Server selection timed out after 30000 ms', { type: 'Unknown', servers: new Map(), stale: false, compatible: true, heartbeatFrequencyMS: 0, localThresholdMS: 0, setName: null, maxElectionId: null, maxSetVersion: null, commonWireVersion: 0, logicalSessionTimeoutMinutes: null } as never)],
    ['a client not connected', new MongoNotConnectedError('not connected')],
    ['a closed topology', new MongoTopologyClosedError()],
    ['mongoose giving up on its queue', Object.assign(new Error('Operation `submissions.insertOne()` buffering timed out after 10000ms'), { name: 'MongooseError' })],
    ['an error caused by a lost connection', new Error('bulk write failed', { cause: new MongoNetworkError('reset') })],
  ])('is true for %s', (_, error) => expect(isStoreUnavailable(error)).toBe(true));

  it.each([
    ['a duplicate key', new MongoServerError({ message: 'E11000 duplicate key error', code: 11000 })],
    ['a plain error', new Error('boom')],
    ['another mongoose error', Object.assign(new Error('Cast to ObjectId failed'), { name: 'MongooseError' })],
    ['not an error', 'MongoNetworkError'],
  ])('is false for %s', (_, error) => expect(isStoreUnavailable(error)).toBe(false));
});
