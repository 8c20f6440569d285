import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsString, ValidateNested } from 'class-validator';

export class CalendarOverrideDto {
  @ApiProperty({ description: 'The day (YYYY-MM-DD, Vietnam)', example: '2025-10-04' })
  @IsString()
  date!: string;

  @ApiProperty({ description: 'true: a working day, even a Saturday or a shipped holiday; false: a day off', example: false })
  @IsBoolean()
  working!: boolean;

  @ApiProperty({ description: "The province's decision or reason, as cited (at most 300 characters)", example: 'Quyết định số 1234/QĐ-UBND ngày 20/9/2025: nghỉ kỷ niệm ngày giải phóng tỉnh' })
  @IsString()
  reason!: string;
}

export class WorkingCalendarDto {
  @ApiProperty({
    type: [CalendarOverrideDto],
    description: "The province's whole list of changes to Vietnam's shipped days off; it replaces the previous list. An empty list returns to the shipped calendar.",
  })
  @IsArray()
  @ArrayMaxSize(400)
  @ValidateNested({ each: true })
  @Type(() => CalendarOverrideDto)
  overrides!: CalendarOverrideDto[];
}

export class CalendarDayViewDto {
  @ApiProperty({ example: '2025-01-29' })
  date!: string;

  @ApiProperty({ example: 'Tết Nguyên đán' })
  nameVi!: string;

  @ApiProperty({ example: 'Lunar New Year (Tết)' })
  nameEn!: string;

  @ApiPropertyOptional({ enum: ['holiday', 'compensating', 'swapped'], description: 'For a shipped day off: a statutory holiday, a make-up day (nghỉ bù) or a swapped working day (hoán đổi)', example: 'holiday' })
  kind?: string;

  @ApiProperty({ enum: ['shipped', 'deployment', 'province'], description: "Vietnam's data shipped with the platform, the deployment's env, or the province's override", example: 'shipped' })
  source!: string;
}

export class WorkingCalendarViewDto {
  @ApiProperty({ example: '20' })
  provinceCode!: string;

  @ApiProperty({ description: 'Rises with every change; 0 while the province has changed nothing', example: 3 })
  version!: number;

  @ApiProperty({ type: [CalendarOverrideDto] })
  overrides!: CalendarOverrideDto[];

  @ApiProperty({ example: 2025 })
  year!: number;

  @ApiProperty({ type: [CalendarDayViewDto], description: 'The weekdays off of the year, as every service counts them' })
  daysOff!: CalendarDayViewDto[];

  @ApiProperty({ type: [CalendarDayViewDto], description: 'The Saturdays and Sundays worked' })
  workingWeekendDays!: CalendarDayViewDto[];

  @ApiProperty({ type: [String], description: 'The law and decisions the shipped year follows', example: ['Bộ luật Lao động số 45/2019/QH14, Điều 112'] })
  basis!: string[];

  @ApiProperty({ description: 'False where the shipped year follows the statutory rule, not a published decision', example: true })
  confirmed!: boolean;

  @ApiPropertyOptional({ description: 'What the province should check, in Vietnamese and English', example: { vi: '…', en: '…' } })
  toConfirm?: { vi: string; en: string };
}
