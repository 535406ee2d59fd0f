import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PasswordHasher } from './passwords/password-hasher';
import { StaffAuthService } from './staff/staff-auth.service';
import { StaffUser } from './staff/staff-user.entity';

@Module({
  imports: [TypeOrmModule.forFeature([StaffUser])],
  providers: [PasswordHasher, StaffAuthService],
  exports: [PasswordHasher, StaffAuthService],
})
export class AuthModule {}
