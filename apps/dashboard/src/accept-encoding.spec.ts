import { acceptedCodings } from './accept-encoding';

describe('acceptedCodings: which precompressed file a client may be sent', () => {
  it.each([
    ['a browser (br and gzip, unweighted): brotli first', 'gzip, deflate, br, zstd', ['br', 'gzip']],
    ['only gzip', 'gzip', ['gzip']],
    ['x-gzip is gzip', 'x-gzip', ['gzip']],
    ['names are case-insensitive, spaces ignored', ' GZIP ;Q=0.5 , Br', ['br', 'gzip']],
    ['a heavier gzip goes before brotli', 'br;q=0.5, gzip;q=0.9', ['gzip', 'br']],
    ['equal weights: brotli first', 'gzip;q=0.8, br;q=0.8', ['br', 'gzip']],
    ['q=0 refuses', 'br;q=0, gzip', ['gzip']],
    ['q=0.000 refuses', 'br;q=0.000, gzip;q=1.000', ['gzip']],
    ['both refused', 'br;q=0, gzip;q=0', []],
    ['* stands for the codings not named', '*', ['br', 'gzip']],
    ['* does not override a named refusal', 'br;q=0, *;q=0.5', ['gzip']],
    ['*;q=0 alone refuses everything', '*;q=0', []],
    ['identity only', 'identity', []],
    ['identity weighed above a coding wins over it', 'identity;q=1, br;q=0.5, gzip', ['gzip']],
    ['an unknown coding', 'deflate, zstd', []],
    ['an empty header', '', []],
    ['a malformed weight refuses', 'br;q=2, gzip;q=abc', []],
    ['other parameters are ignored', 'br;level=5;q=0.3', ['br']],
  ])('%s: %p', (_, header, expected) => {
    expect(acceptedCodings(header)).toEqual(expected);
  });

  it('no header at all: the bytes as they are', () => {
    expect(acceptedCodings(undefined)).toEqual([]);
  });
});
