import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PredecessorShareDto {
  @ApiProperty({ description: 'A unit whose data the series’ unit took over (a commune merged or split in the reform)', example: '06052' })
  unitCode!: string;

  @ApiProperty({ description: 'The share of that unit’s figures counted: 1 for a whole merge, less for a split', example: 1 })
  share!: number;
}

/** One period of a series; the optional fields appear only on periods before the unit existed. */
export class SeriesPointDto {
  @ApiProperty({ example: '2024' })
  period!: string;

  @ApiProperty({ nullable: true, type: Number, description: 'Ratio of summed parts, sum, or milestone value; null where nothing was reported or nothing could be derived', example: 0.8603 })
  value!: number | null;

  @ApiProperty({ description: 'Units whose report counts in the value (for a derived point: the predecessors that reported)', example: 2 })
  reportingUnits!: number;

  @ApiPropertyOptional({
    description:
      'Present on periods before the unit existed, for a unit that took over other units’ data (the 1/7/2025 reform): true when the value is derived from those predecessors (sums scaled by their shares, ratios from their scaled numerators and denominators), so the trend stays comparable across the reform; false when it could not be derived (see notDerivedReason). Absent on the unit’s own periods.',
    example: true,
  })
  derived?: boolean;

  @ApiPropertyOptional({ type: [PredecessorShareDto], description: 'The predecessors, as they stood at the period’s end, that a derived point comes or would come from' })
  predecessors?: PredecessorShareDto[];

  @ApiPropertyOptional({
    enum: ['kind-not-derivable', 'predecessor-not-reported'],
    description: 'Why a point before the unit existed has no derived value: the indicator has no share of a part (milestones, ranks, province-level percentages, index scores), or a predecessor did not report (a partial sum would read as a fall)',
    example: 'predecessor-not-reported',
  })
  notDerivedReason?: 'kind-not-derivable' | 'predecessor-not-reported';

  @ApiPropertyOptional({ type: [String], description: 'With predecessor-not-reported: the predecessors with no report for the period', example: ['06055'] })
  missing?: string[];
}
