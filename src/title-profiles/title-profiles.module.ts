import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { TitleProfile } from './title-profile.entity';
import { TitleProfilesController } from './title-profiles.controller';
import { TitleProfilesRepository } from './title-profiles.repository';
import { TitleProfilesService } from './title-profiles.service';

/** Saved fapiao titles (抬头管理): the API, and the service the portal's pages call. */
@Module({
  imports: [TypeOrmModule.forFeature([TitleProfile]), AuthModule],
  controllers: [TitleProfilesController],
  providers: [TitleProfilesRepository, TitleProfilesService],
  exports: [TitleProfilesService],
})
export class TitleProfilesModule {}
