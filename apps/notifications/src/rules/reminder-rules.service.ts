import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { DEFAULT_REMINDER_RULE, ReminderRule, reminderRuleViolations, WorkingHours } from '@dtp/domain';
import { fieldsRefusal } from '@dtp/platform';
import { Model } from 'mongoose';
import { WORKING_HOURS } from '../working-time';
import { ReminderRuleDto, ReminderRuleViewDto } from './reminder-rule.dto';
import { ReminderRuleRecord } from './schemas/reminder-rule.schema';

@Injectable()
export class ReminderRulesService {
  constructor(
    @InjectModel(ReminderRuleRecord.name) private readonly rules: Model<ReminderRuleRecord>,
    @Inject(WORKING_HOURS) private readonly hours: WorkingHours,
  ) {}

  /** The form's own rule, or the platform default. */
  async ruleOf(provinceCode: string, formCode: string): Promise<ReminderRule> {
    const record = await this.rules.findById(`${provinceCode}:${formCode}`).lean<ReminderRuleRecord>().exec();
    return record ? ruleFrom(record) : DEFAULT_REMINDER_RULE;
  }

  /** All rules of the stored forms at once, for the planner. */
  async all(): Promise<Map<string, ReminderRule>> {
    return new Map((await this.rules.find().lean<ReminderRuleRecord[]>().exec()).map((r) => [r._id, ruleFrom(r)]));
  }

  async view(provinceCode: string, formCode: string): Promise<ReminderRuleViewDto> {
    const record = await this.rules.findById(`${provinceCode}:${formCode}`).lean<ReminderRuleRecord>().exec();
    return { provinceCode, formCode, ...(record ? ruleFrom(record) : DEFAULT_REMINDER_RULE), isDefault: !record };
  }

  /** Refused whole, each wrong field named, when the rule cannot be used. */
  async save(provinceCode: string, formCode: string, dto: ReminderRuleDto, by: string): Promise<ReminderRuleViewDto> {
    const rule: ReminderRule = { daysBefore: dto.daysBefore, onDeadline: dto.onDeadline, daysAfter: dto.daysAfter, escalateTo: dto.escalateTo, sendTime: dto.sendTime, ...(dto.escalateAfter !== undefined ? { escalateAfter: dto.escalateAfter } : {}) };
    const violations = reminderRuleViolations(rule, this.hours);
    if (violations.length > 0) throw fieldsRefusal(422, 'invalid-reminder-rule', violations);
    const _id = `${provinceCode}:${formCode}`;
    await this.rules.collection.replaceOne({ _id: _id as never }, { _id, provinceCode, formCode, ...rule, updatedAt: new Date(), updatedBy: by }, { upsert: true });
    return { provinceCode, formCode, ...rule, isDefault: false };
  }
}

function ruleFrom(r: ReminderRuleRecord): ReminderRule {
  return { daysBefore: r.daysBefore ?? [], onDeadline: r.onDeadline, daysAfter: r.daysAfter ?? [], escalateTo: r.escalateTo, sendTime: r.sendTime, ...(r.escalateAfter !== undefined && r.escalateAfter !== null ? { escalateAfter: r.escalateAfter } : {}) };
}
