import { addDays, DateRange, formatViDate, LocalDate } from '../calendar/local-date';
import { normaliseName, OrgUnit, parentLinkOn, UnitLevel, validDuring, validOn } from './org-unit';
import { UnitProblem } from './unit-tree';

export class HierarchyError extends Error {
  constructor(readonly problems: UnitProblem[]) {
    super(`organisation units refused:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'HierarchyError';
  }
}

export interface DataDestination {
  unitId: string;
  share: number;
}

/** Units and the links between them, checked once, queried as of a date. */
export class OrgUnitHierarchy {
  private readonly byId: ReadonlyMap<string, OrgUnit>;
  /** Successor links read backwards: for each unit, the units whose data it took over and their shares. */
  private readonly predecessorLinks = new Map<string, Array<DataDestination & { on: LocalDate }>>();

  constructor(units: OrgUnit[]) {
    const byId = new Map<string, OrgUnit>();
    const problems: UnitProblem[] = [];
    for (const unit of units) {
      if (byId.has(unit.id)) problems.push(problem(unit.id, 'id', 'defined twice', 'được khai báo hai lần'));
      byId.set(unit.id, { ...unit, name: normaliseName(unit.name) });
    }
    this.byId = byId;
    for (const unit of byId.values()) {
      for (const s of unit.successors) this.predecessorLinks.set(s.unitId, [...(this.predecessorLinks.get(s.unitId) ?? []), { unitId: unit.id, share: s.share, on: s.on }]);
    }
    for (const unit of byId.values()) problems.push(...this.problemsOf(unit));
    problems.push(...this.cycles());
    if (problems.length > 0) throw new HierarchyError(problems);
  }

  get(id: string): OrgUnit {
    const unit = this.byId.get(id);
    if (!unit) throw new RangeError(`unknown organisation unit ${id}`);
    return unit;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  all(): OrgUnit[] {
    return [...this.byId.values()];
  }

  validOn(date: LocalDate, levels?: readonly UnitLevel[]): OrgUnit[] {
    return this.all().filter((u) => validOn(u, date) && (!levels || levels.includes(u.level)));
  }

  /** Units that exist on at least one day of the range (a district that ended on 30/6/2025 is in 2025). */
  validDuring(range: DateRange, levels?: readonly UnitLevel[]): OrgUnit[] {
    return this.all().filter((u) => validDuring(u, range) && (!levels || levels.includes(u.level)));
  }

  parentOn(id: string, date: LocalDate): OrgUnit | undefined {
    const link = parentLinkOn(this.get(id), date);
    return link ? this.get(link.parentId) : undefined;
  }

  /** Parent, grandparent, … up to the root, as the hierarchy stood on `date`. */
  ancestorsOn(id: string, date: LocalDate): OrgUnit[] {
    const out: OrgUnit[] = [];
    for (let parent = this.parentOn(id, date); parent; parent = this.parentOn(parent.id, date)) out.push(parent);
    return out;
  }

  childrenOn(id: string, date: LocalDate): OrgUnit[] {
    return this.all().filter((u) => validOn(u, date) && parentLinkOn(u, date)?.parentId === id);
  }

  descendantsOn(id: string, date: LocalDate): OrgUnit[] {
    return this.childrenOn(id, date).flatMap((c) => [c, ...this.descendantsOn(c.id, date)]);
  }

  /**
   * Where the data of a unit belongs in the hierarchy of another date, so history stays
   * comparable: the unit itself if it still exists; else its successors (with their shares);
   * else the nearest ancestor that exists then (a district abolished on 1/7/2025 rolls into its
   * province). Empty when nothing of the unit's line exists on that date.
   */
  whereDataBelongs(id: string, target: LocalDate): DataDestination[] {
    const merged = new Map<string, number>();
    for (const d of this.destinations(id, target, 1, new Set())) merged.set(d.unitId, (merged.get(d.unitId) ?? 0) + d.share);
    return [...merged].map(([unitId, share]) => ({ unitId, share }));
  }

  /**
   * The units that existed on a date before this one did and whose data it took over, each with
   * the share that came to it: its predecessors, or theirs when a predecessor did not exist yet
   * either (a commune of 1/7/2025 made of communes merged on 1/12/2024), shares multiplied along
   * the way. The reverse of `whereDataBelongs`: lets a unit's series reach back before the
   * reform. Empty when the unit exists on that date or took over nobody's data.
   */
  predecessorsOn(id: string, date: LocalDate): DataDestination[] {
    const unit = this.get(id);
    if (unit.validFrom === undefined || date >= unit.validFrom) return [];
    const merged = new Map<string, number>();
    for (const o of this.origins(id, date, 1)) merged.set(o.unitId, (merged.get(o.unitId) ?? 0) + o.share);
    return [...merged].map(([unitId, share]) => ({ unitId, share })).sort((a, b) => a.unitId.localeCompare(b.unitId));
  }

  /** Every unit whose data came to this one by successor links, at any time and however many reforms back. */
  lineageOf(id: string): string[] {
    const found = new Set<string>();
    const visit = (unitId: string) => {
      for (const link of this.predecessorLinks.get(unitId) ?? []) {
        if (found.has(link.unitId)) continue;
        found.add(link.unitId);
        visit(link.unitId);
      }
    };
    visit(id);
    return [...found].sort();
  }

  /**
   * Only links made after the date count: a unit merged in earlier is already in its successor's
   * figures for it. A predecessor that existed on the date counts with its share, and so do the
   * units it absorbed after the date (they reported separately then). A unit reached by two
   * routes (split, then merged again) counts on both. Ends: a predecessor ends before its
   * successor starts (checked on construction), so each step back reaches an earlier unit.
   */
  private origins(id: string, date: LocalDate, share: number): DataDestination[] {
    return (this.predecessorLinks.get(id) ?? []).flatMap((link) => {
      if (link.on <= date) return [];
      const predecessor = this.get(link.unitId);
      const further = this.origins(link.unitId, date, share * link.share);
      return validOn(predecessor, date) ? [{ unitId: link.unitId, share: share * link.share }, ...further] : further;
    });
  }

  private destinations(id: string, target: LocalDate, share: number, seen: Set<string>): DataDestination[] {
    if (seen.has(id)) return [];
    seen.add(id);
    const unit = this.get(id);
    if (validOn(unit, target)) return [{ unitId: id, share }];
    const forward = unit.validTo !== undefined && unit.validTo < target;
    if (forward && unit.successors.length > 0) {
      return unit.successors.flatMap((s) => this.destinations(s.unitId, target, share * s.share, seen));
    }
    const lastDay = forward ? unit.validTo : unit.validFrom;
    if (lastDay === undefined) return [];
    for (const ancestor of this.ancestorsOn(id, lastDay)) {
      const found = this.destinations(ancestor.id, target, share, seen);
      if (found.length > 0) return found;
    }
    return [];
  }

  private problemsOf(unit: OrgUnit): UnitProblem[] {
    const problems: UnitProblem[] = [];
    const add = (field: UnitProblem['field'], message: string, messageVi: string) => problems.push(problem(unit.id, field, message, messageVi));
    if (!unit.name) add('name', 'name is empty', 'tên đơn vị trống');
    if (unit.validFrom && unit.validTo && unit.validTo < unit.validFrom) {
      add('validTo', `valid to ${unit.validTo} before valid from ${unit.validFrom}`, `ngày hết hiệu lực ${formatViDate(unit.validTo)} trước ngày bắt đầu hiệu lực ${formatViDate(unit.validFrom)}`);
    }
    const sorted = [...unit.parents].sort((a, b) => (a.from ?? '') < (b.from ?? '') ? -1 : 1);
    sorted.forEach((link, i) => {
      const parent = this.byId.get(link.parentId);
      if (!parent) {
        add('parents', `parent ${link.parentId} does not exist`, `đơn vị cấp trên ${link.parentId} không tồn tại`);
        return;
      }
      const starts = link.from ?? unit.validFrom;
      const ends = link.to ?? unit.validTo;
      // An open end of the link needs an open end of the parent.
      const startCovered = starts ? validOn(parent, starts) : parent.validFrom === undefined;
      const endCovered = ends ? validOn(parent, ends) : parent.validTo === undefined;
      if (!startCovered || !endCovered) {
        add(
          'parents',
          `parent ${parent.id} does not exist for the whole link ${starts ?? '…'} to ${ends ?? '…'}`,
          `đơn vị cấp trên ${parent.id} không tồn tại trong suốt thời gian trực thuộc, ${starts ? `từ ngày ${formatViDate(starts)}` : 'từ trước'} ${ends ? `đến ngày ${formatViDate(ends)}` : 'đến nay'}`,
        );
      }
      const next = sorted[i + 1];
      if (next && (link.to === undefined || (next.from !== undefined && next.from <= link.to))) {
        add('parents', `parent links overlap (${link.parentId} and ${next.parentId})`, `thời gian trực thuộc ${link.parentId} và ${next.parentId} chồng lên nhau`);
      }
    });
    let shares = 0;
    for (const s of unit.successors) {
      const successor = this.byId.get(s.unitId);
      shares += s.share;
      if (!successor) add('successors', `successor ${s.unitId} does not exist`, `đơn vị kế thừa ${s.unitId} không tồn tại`);
      else if (!validOn(successor, s.on)) add('successors', `successor ${s.unitId} does not exist on ${s.on}`, `đơn vị kế thừa ${s.unitId} không tồn tại vào ngày ${formatViDate(s.on)}`);
      if (!(s.share > 0 && s.share <= 1)) add('successors', `share for ${s.unitId} must be in (0, 1], got ${s.share}`, `tỷ lệ chuyển cho ${s.unitId} phải lớn hơn 0 và không quá 1, nhận được ${s.share}`);
      if (unit.validTo === undefined || s.on !== addDays(unit.validTo, 1)) {
        add('successors', `successor ${s.unitId} must start the day after ${unit.id} ends`, `đơn vị kế thừa ${s.unitId} phải bắt đầu từ ngày liền sau ngày ${unit.id} hết hiệu lực`);
      }
    }
    if (shares > 1 + 1e-9) add('successors', `successors' shares add up to ${shares}, more than 1`, `tổng tỷ lệ chuyển cho các đơn vị kế thừa là ${shares}, lớn hơn 1`);
    return problems;
  }

  private cycles(): UnitProblem[] {
    const problems: UnitProblem[] = [];
    for (const unit of this.byId.values()) {
      for (const link of unit.parents) {
        const date = link.from ?? unit.validFrom ?? link.to ?? unit.validTo ?? '2000-01-01';
        const seen = new Set([unit.id]);
        for (let p = this.byId.get(link.parentId); p; p = this.byId.get(parentLinkOn(p, date)?.parentId ?? '')) {
          if (seen.has(p.id)) {
            problems.push(problem(unit.id, 'parents', `is its own ancestor on ${date}`, `là cấp trên của chính mình vào ngày ${formatViDate(date)}`));
            break;
          }
          seen.add(p.id);
        }
      }
    }
    return problems;
  }
}

function problem(unitId: string, field: UnitProblem['field'], message: string, messageVi: string): UnitProblem {
  return { unitId, field, message: `${unitId}: ${message}`, messageVi: `${unitId}: ${messageVi}` };
}
