import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiProblemResponses, assertOfficialProvince, CurrentOfficial, OfficialPrincipal, Roles } from '@dtp/platform';
import { DeliveriesService } from './deliveries.service';
import { Channel, CHANNELS, DeliveryState } from './schemas/delivery.schema';
import { ObligationFilterDto } from '../calendar/obligation-filter.dto';


export class DeliveryQueryDto extends ObligationFilterDto {
  @ApiPropertyOptional({ enum: ['scheduled', 'sent', 'cancelled', 'failed'] })
  @IsOptional()
  @IsIn(['scheduled', 'sent', 'cancelled', 'failed'])
  state?: DeliveryState;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ example: 100, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

@ApiTags('deliveries')
@ApiBearerAuth()
@Controller('api/v1/deliveries/:provinceCode')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @Roles('admin', 'reviewer')
  @ApiOperation({ summary: 'The delivery log: each notice with its state and every attempt, by unit, form, period (admin, reviewer)' })
  @ApiOkResponse({ schema: { example: [{ _id: '20:180:CDS-Q:2024Q4:before-3:email', notice: 'reminder-before', channel: 'email', recipient: 'vanphong@trangdinh.langson.gov.vn', state: 'sent', attempts: 1, attemptLog: [{ n: 1, status: 'delivered', detail: '250 OK' }] }] } })
  @ApiProblemResponses(400, 401, 403)
  search(@Param('provinceCode') provinceCode: string, @Query() q: DeliveryQueryDto, @CurrentOfficial() official: OfficialPrincipal) {
    assertOfficialProvince(official, provinceCode);
    return this.deliveries.search({ provinceCode, unitCode: q.unit, formCode: q.form, period: q.period, state: q.state, channel: q.channel, limit: q.limit ?? 100 });
  }
}
