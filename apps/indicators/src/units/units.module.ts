import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { HierarchyService } from './hierarchy.service';
import { OrgUnitRecord, OrgUnitSchema } from './schemas/org-unit.schema';
import { UnitsController } from './units.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: OrgUnitRecord.name, schema: OrgUnitSchema }])],
  controllers: [UnitsController],
  providers: [HierarchyService],
  exports: [HierarchyService],
})
export class UnitsModule {}
