import { ApiProperty } from '@nestjs/swagger';

export class AggregateViewDto {
  @ApiProperty({ example: '20' })
  unitCode!: string;

  @ApiProperty({ example: 'DOSSIERS_DIGITIZED' })
  indicatorCode!: string;

  @ApiProperty({ example: '2023' })
  period!: string;

  @ApiProperty({ enum: ['sum', 'ratio', 'milestone'], example: 'ratio' })
  kind!: string;

  @ApiProperty({ nullable: true, type: Number, description: 'Ratio of summed parts, sum, or count of units done', example: 0.8603 })
  value!: number | null;

  @ApiProperty({ description: 'Units whose report currently counts', example: 11 })
  reportingUnits!: number;

  @ApiProperty({
    description:
      'Sums of parts. provisional: units counted with a figure awaiting approval (provisionalSum, provisionalNumerator, provisionalDenominator, provisionalDone: what they bring); correcting: units counted at their approved figure while a correction awaits approval. Absent in aggregates folded before these existed: 0',
    example: { sum: 0, numerator: 630485, denominator: 732908, done: 0, reporting: 11, provisional: 0, provisionalSum: 0, provisionalNumerator: 0, provisionalDenominator: 0, provisionalDone: 0, correcting: 1 },
  })
  totals!: Record<string, number>;

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  updatedAt!: Date;
}
