import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export class IndicatorDefinitionDto {
  @ApiProperty({ example: '20' })
  @Matches(CODE)
  provinceCode!: string;

  @ApiProperty({ example: 'NO_SIGNAL_VILLAGES' })
  @Matches(CODE)
  code!: string;

  @ApiProperty({ example: 'Số thôn trắng sóng' })
  @IsString()
  @MaxLength(300)
  nameVi!: string;

  @ApiProperty({ example: 'Villages without mobile signal' })
  @IsString()
  @MaxLength(300)
  nameEn!: string;

  @ApiProperty({ example: 'thôn' })
  @IsString()
  @MaxLength(40)
  unitOfMeasure!: string;

  @ApiProperty({ enum: ['count', 'ratio', 'province-percentage', 'rank', 'milestone', 'index'], example: 'count' })
  @IsIn(['count', 'ratio', 'province-percentage', 'rank', 'milestone', 'index'])
  kind!: 'count' | 'ratio' | 'province-percentage' | 'rank' | 'milestone' | 'index';

  @ApiProperty({ enum: ['higher-is-better', 'lower-is-better'], example: 'lower-is-better' })
  @IsIn(['higher-is-better', 'lower-is-better'])
  direction!: 'higher-is-better' | 'lower-is-better';

  @ApiProperty({ enum: ['province', 'department', 'district', 'commune'], isArray: true, example: ['district', 'commune'] })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(['province', 'department', 'district', 'commune'], { each: true })
  reportedBy!: Array<'province' | 'department' | 'district' | 'commune'>;

  @ApiPropertyOptional({ enum: ['all', 'any', 'count'], example: 'count' })
  @IsOptional()
  @IsIn(['all', 'any', 'count'])
  milestoneAggregation?: 'all' | 'any' | 'count';
}
