import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OrgUnit, OrgUnitHierarchy, referenceUnits } from '@dtp/domain';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../config';

/**
 * The organisation units, as the indicators service keeps them (its GET /api/v1/units), reloaded
 * when `indicators.catalog.v1` announces an import. Until the first load succeeds, and without
 * INDICATORS_URL, the reference units of Lạng Sơn and Hà Tĩnh stand in.
 */
@Injectable()
export class UnitsDirectory implements OnApplicationBootstrap {
  private readonly logger = new Logger(UnitsDirectory.name);
  private hierarchy = new OrgUnitHierarchy(referenceUnits());

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: Pick<NotificationsConfig, 'INDICATORS_URL'>) {}

  async onApplicationBootstrap(): Promise<void> {
    // The platform starts its services together: if indicators is not answering yet, ask again shortly.
    if (!(await this.reload())) setTimeout(() => void this.reload(), 20_000).unref();
  }

  current(): OrgUnitHierarchy {
    return this.hierarchy;
  }

  /** Keeps the units it has when the indicators service cannot be reached, and says so. */
  async reload(): Promise<boolean> {
    if (!this.config.INDICATORS_URL) return true;
    try {
      const response = await fetch(new URL('/api/v1/units', this.config.INDICATORS_URL), { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      this.hierarchy = new OrgUnitHierarchy((await response.json()) as OrgUnit[]);
      this.logger.log(`${this.hierarchy.all().length} organisation units loaded from indicators`);
      return true;
    } catch (error) {
      this.logger.warn(`organisation units not reloaded from ${this.config.INDICATORS_URL}: ${(error as Error).message}; keeping ${this.hierarchy.all().length}`);
      return false;
    }
  }
}
