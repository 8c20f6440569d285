import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString } from 'class-validator';

export class ReminderRuleDto {
  @ApiProperty({ type: [Number], example: [5, 3], description: 'Working days before the deadline on which to remind (1–60 each)' })
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  daysBefore!: number[];

  @ApiProperty({ example: true, description: 'Remind on the deadline day' })
  @IsBoolean()
  onDeadline!: boolean;

  @ApiProperty({ type: [Number], example: [1, 3], description: 'Working days after the deadline on which to remind a unit that has not reported' })
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  daysAfter!: number[];

  @ApiPropertyOptional({ example: 5, description: 'Working days overdue after which the escalation goes out, once; absent: never' })
  @IsOptional()
  @IsInt()
  escalateAfter?: number;

  @ApiProperty({ enum: ['parent', 'standing-agency'], example: 'parent', description: 'Escalate to the parent unit (as of the period’s cut-off) or the provincial standing agency' })
  @IsIn(['parent', 'standing-agency'])
  escalateTo!: 'parent' | 'standing-agency';

  @ApiProperty({ example: '08:00', description: 'Time of day in Vietnam (HH:MM), inside office hours, at which a day’s reminders go out' })
  @IsString()
  sendTime!: string;
}

export class ReminderRuleViewDto extends ReminderRuleDto {
  @ApiProperty({ example: '20' })
  provinceCode!: string;

  @ApiProperty({ example: 'CDS-Q' })
  formCode!: string;

  @ApiProperty({ example: false, description: 'True when the form has no rule of its own and the platform default applies' })
  isDefault!: boolean;
}
