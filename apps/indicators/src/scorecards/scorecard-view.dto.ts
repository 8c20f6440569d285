import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class StatusCountsDto {
  @ApiProperty({ example: 30 }) total!: number;
  @ApiProperty({ example: 21 }) achieved!: number;
  @ApiProperty({ example: 6 }) notAchieved!: number;
  @ApiProperty({ example: 3 }) notMeasurable!: number;
  @ApiProperty({ example: 0 }) onTrack!: number;
  @ApiProperty({ example: 0 }) atRisk!: number;
}

export class SummaryDto {
  @ApiProperty({ example: '21/30' }) ratio!: string;
  @ApiProperty({ example: '21/30 achieved, 6 not achieved, 3 not measurable' }) en!: string;
  @ApiProperty({ example: '21/30 chỉ tiêu đạt, 6 chỉ tiêu không đạt, 3 chỉ tiêu không đánh giá được' }) vi!: string;
}

export class NoteDto {
  @ApiProperty({ example: 'Programme 49-NQ-TU sets no targets for this unit (commune level) in 2025' }) en!: string;
  @ApiProperty({ example: 'Chương trình 49-NQ-TU không giao chỉ tiêu cho đơn vị này (cấp xã) năm 2025' }) vi!: string;
}

export class PillarScoreDto {
  @ApiProperty({ example: 'digital-government' }) pillar!: string;
  @ApiProperty({ example: 'Chính quyền số' }) nameVi!: string;
  @ApiProperty({ example: 'Digital government' }) nameEn!: string;
  @ApiProperty({ type: StatusCountsDto }) counts!: StatusCountsDto;
  @ApiProperty({ type: SummaryDto }) summary!: SummaryDto;
}

export class TrendPointDto {
  @ApiProperty({ example: '2023' }) period!: string;
  @ApiProperty({ nullable: true, type: Number, example: 0.86 }) value!: number | null;
}

export class TargetScoreDto {
  @ApiProperty({ example: 'DOSSIERS_DIGITIZED' }) indicatorCode!: string;
  @ApiProperty({ example: 'digital-government' }) pillar!: string;
  @ApiProperty({ enum: ['unit', 'level', 'every-level'], description: 'Where the unit’s target comes from: one naming the unit, its level’s (the province’s own for the province), or one for every level', example: 'level' })
  appliesTo!: 'unit' | 'level' | 'every-level';
  @ApiProperty({ example: 0.8 }) target!: number;
  @ApiProperty({ enum: ['at-least', 'at-most', 'done'], example: 'at-least' }) comparison!: string;
  @ApiProperty({ nullable: true, type: Number, example: 0.8603 }) actual!: number | null;
  @ApiProperty({ enum: ['achieved', 'not-achieved', 'not-measurable'], example: 'achieved' }) status!: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Positive: better than the target', example: 0.0603 }) gap!: number | null;
  @ApiPropertyOptional({ enum: ['on-track', 'at-risk'], example: 'on-track' }) progress?: string;
  @ApiPropertyOptional({ description: 'Change since the previous period', example: 0.021 }) change?: number;
  @ApiProperty({ type: [TrendPointDto] }) trend!: TrendPointDto[];
  @ApiProperty({ description: 'Whether the figure is not final: some unit it counts awaits approval of its figure (a form that counts submitted reports) or of a correction', example: true })
  provisional!: boolean;
  @ApiProperty({ description: 'Units counted with a figure that awaits approval', example: 0 }) provisionalUnits!: number;
  @ApiProperty({ description: 'Units counted at their approved figure while a correction of it awaits approval (the correction counts once approved)', example: 1 })
  correctingUnits!: number;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'When provisional: the figure as approved, without figures awaiting approval (equal to actual when only corrections are pending, as those count at their approved figures)',
    example: 0.874,
  })
  approvedActual?: number | null;
}

export class ProvisionalNoteDto {
  @ApiProperty({ example: '1 of 30 figures is provisional: 1 keeps the approved figures while a correction awaits approval' }) en!: string;
  @ApiProperty({ example: '1/30 chỉ tiêu có số liệu tạm thời: 1 chỉ tiêu giữ số liệu đã phê duyệt trong khi chờ phê duyệt bản điều chỉnh' }) vi!: string;
}

export class ScorecardViewDto {
  @ApiProperty({ example: '49-NQ-TU' }) programmeCode!: string;
  @ApiProperty({ example: 'Nghị quyết 49-NQ/TU' }) programmeNameVi!: string;
  @ApiProperty({ example: 'Resolution 49-NQ/TU' }) programmeNameEn!: string;
  @ApiProperty({ example: '20' }) unitCode!: string;
  @ApiProperty({ example: '2023' }) period!: string;
  @ApiProperty({ type: SummaryDto, description: 'The counts in words; with targetsFor none, the note instead' }) summary!: SummaryDto;
  @ApiProperty({
    enum: ['province', 'department', 'district', 'commune', 'unit', 'none'],
    description: 'Whose targets score the unit: its level (its own targets or its level’s), unit for a unit outside the hierarchy scored on targets naming it, none when the programme sets it none that year',
    example: 'district',
  })
  targetsFor!: 'province' | 'department' | 'district' | 'commune' | 'unit' | 'none';
  @ApiPropertyOptional({ type: NoteDto, description: 'With targetsFor none: why the card is empty, in both languages' }) note?: NoteDto;
  @ApiProperty({ type: StatusCountsDto }) overall!: StatusCountsDto;
  @ApiProperty({ type: [PillarScoreDto] }) pillars!: PillarScoreDto[];
  @ApiProperty({ description: 'Whether any target’s figure is provisional (see targets[].provisional)', example: true }) provisional!: boolean;
  @ApiProperty({ description: 'Targets whose figure is provisional', example: 1 }) provisionalTargets!: number;
  @ApiPropertyOptional({ type: ProvisionalNoteDto, description: 'What a reader must know of the provisional figures; absent when all are final' })
  provisionalNote?: ProvisionalNoteDto;
  @ApiProperty({ type: [TargetScoreDto] }) targets!: TargetScoreDto[];
}
