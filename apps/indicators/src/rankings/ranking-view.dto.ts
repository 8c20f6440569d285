import { ApiProperty } from '@nestjs/swagger';

export class RankedUnitDto {
  @ApiProperty({ example: '178' }) unitCode!: string;
  @ApiProperty({ nullable: true, type: Number, example: 0.91 }) value!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Equal values share a rank (1, 2, 2, 4)', example: 1 }) rank!: number | null;
}

export class RankingViewDto {
  @ApiProperty({ example: '20' }) provinceCode!: string;
  @ApiProperty({ example: 'DOSSIERS_DIGITIZED' }) indicatorCode!: string;
  @ApiProperty({ example: '2023' }) period!: string;
  @ApiProperty({ example: 'higher-is-better' }) direction!: string;
  @ApiProperty({ example: 11 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ type: [RankedUnitDto] }) items!: RankedUnitDto[];
}
