import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReminderRulesController } from './reminder-rules.controller';
import { ReminderRulesService } from './reminder-rules.service';
import { ReminderRuleRecord, ReminderRuleSchema } from './schemas/reminder-rule.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: ReminderRuleRecord.name, schema: ReminderRuleSchema }])],
  controllers: [ReminderRulesController],
  providers: [ReminderRulesService],
  exports: [ReminderRulesService],
})
export class ReminderRulesModule {}
