import { refusal } from '@dtp/platform';
import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { OrgUnit, OrgUnitHierarchy, referenceUnits } from '@dtp/domain';

export const UNITS_DIRECTORY_OPTIONS = Symbol('UNITS_DIRECTORY_OPTIONS');

export interface UnitsDirectoryOptions {
  /** The indicators service, which keeps the units (`GET /api/v1/units`); none: the reference units only. */
  indicatorsUrl?: string;
  /** How often the units are read again, besides when an import is announced or a unit is not found. */
  refreshEveryMs?: number;
}

/** How often every replica asks whether the units changed (a 304 while they did not). */
const DEFAULT_REFRESH_MS = 5_000;
/** A unit not found may have been imported since: the units are read again, at most this often. */
const RELOAD_ON_MISS_MS = 1_000;
// Before the first successful read, ask sooner: a caller is being refused meanwhile.
const RETRY_UNREAD_MS = 200;

/**
 * The organisation units as the indicators service keeps them, held in memory by the services
 * that need them (notifications' calendar, reports' checks of who may report for a period):
 * read at start, again when `indicators.catalog.v1` announces an import, every few seconds (a
 * conditional read: 304 while nothing changed), and on a miss. Until the first read succeeds, and without an indicators URL, the reference units of Lạng
 * Sơn and Hà Tĩnh stand in and `loaded()` says so.
 */
@Injectable()
export class UnitsDirectory implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UnitsDirectory.name);
  private hierarchy = new OrgUnitHierarchy(referenceUnits());
  private fromIndicators = false;
  private lastRead = 0;
  /** The ETag of the units last read: asked with If-None-Match, unchanged units cost a 304. */
  private etag?: string;
  private reading?: Promise<boolean>;
  private timer?: NodeJS.Timeout;

  constructor(@Inject(UNITS_DIRECTORY_OPTIONS) private readonly options: UnitsDirectoryOptions) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.options.indicatorsUrl) return;
    // The platform starts its services together: if indicators is not answering yet, the timer asks again.
    await this.reload();
    // Every few seconds in every replica: an import announced on Kafka reaches one replica of a
    // consumer group only, and a changed parent or validity is no "unit not found" miss.
    this.timer = setInterval(() => void this.reload(), this.options.refreshEveryMs ?? DEFAULT_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  current(): OrgUnitHierarchy {
    return this.hierarchy;
  }

  /** Whether the units are the indicators service's (not the stand-ins). */
  loaded(): boolean {
    return this.fromIndicators;
  }

  /**
   * Whether units can be checked now: `off` without an indicators service (the reference units
   * stand in and nothing is checked), `unavailable` while it has not answered since this process
   * started (asked once more first). Callers refuse for that moment rather than let an unchecked
   * unit through: a key or a report accepted then would stay.
   */
  async availability(): Promise<'off' | 'loaded' | 'unavailable'> {
    if (!this.options.indicatorsUrl) return 'off';
    if (!this.fromIndicators) await this.reloadIfStale(RETRY_UNREAD_MS);
    return this.fromIndicators ? 'loaded' : 'unavailable';
  }

  /** Reads the units again unless they were read less than `minAgeMs` ago: for a unit not found. */
  async reloadIfStale(minAgeMs = RELOAD_ON_MISS_MS): Promise<void> {
    if (this.reading) await this.reading;
    else if (this.options.indicatorsUrl && Date.now() - this.lastRead > minAgeMs) await this.reload();
  }

  /** Keeps the units it has when the indicators service cannot be reached, and says so; concurrent callers share one read. */
  reload(): Promise<boolean> {
    if (!this.options.indicatorsUrl) return Promise.resolve(true);
    this.reading ??= this.read(this.options.indicatorsUrl).finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async read(indicatorsUrl: string): Promise<boolean> {
    this.lastRead = Date.now();
    try {
      const response = await fetch(new URL('/api/v1/units', indicatorsUrl), { signal: AbortSignal.timeout(10_000), headers: this.etag && this.fromIndicators ? { 'if-none-match': this.etag } : {} });
      if (response.status === 304 && this.fromIndicators) return true;
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.hierarchy = new OrgUnitHierarchy((await response.json()) as OrgUnit[]);
      this.etag = response.headers.get('etag') ?? undefined;
      if (!this.fromIndicators) this.logger.log(`${this.hierarchy.all().length} organisation units loaded from indicators`);
      this.fromIndicators = true;
      return true;
    } catch (error) {
      this.logger.warn(`organisation units not read from ${indicatorsUrl}: ${(error as Error).message}; keeping ${this.hierarchy.all().length}`);
      return false;
    }
  }
}

/** The directory for a whole service (global): `indicatorsUrl` undefined keeps the reference units only. */
@Module({})
export class UnitsDirectoryModule {
  static register(options: UnitsDirectoryOptions): DynamicModule {
    return { module: UnitsDirectoryModule, global: true, providers: [UnitsDirectory, { provide: UNITS_DIRECTORY_OPTIONS, useValue: options }], exports: [UnitsDirectory] };
  }
}

/** `off` or `loaded`; a 503 problem while the units list cannot be read, so nothing unchecked goes through. */
export async function unitsCheckable(units: UnitsDirectory): Promise<'off' | 'loaded'> {
  const state = await units.availability();
  if (state === 'unavailable') {
    throw refusal(
      503,
      'units-unavailable',
      'the list of units cannot be read from the indicators service just now: try again in a few seconds',
      'chưa đọc được danh mục đơn vị từ dịch vụ chỉ tiêu: vui lòng thử lại sau ít giây',
    );
  }
  return state;
}
