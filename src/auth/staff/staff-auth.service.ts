import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { PasswordHasher } from '../passwords/password-hasher';
import { StaffRole } from './staff-role';
import { StaffUser } from './staff-user.entity';

export interface AuthenticatedStaff {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
}

@Injectable()
export class StaffAuthService {
  constructor(
    @InjectRepository(StaffUser) private readonly staff: Repository<StaffUser>,
    private readonly passwords: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  /**
   * The staff member for these credentials, or null; inactive accounts cannot sign in. A caller
   * inside a transaction passes its manager: reading on another of the pool's connections while
   * the transaction holds one would wait forever once the pool is used up.
   */
  async authenticate(
    email: string,
    password: string,
    manager: EntityManager = this.staff.manager,
  ): Promise<AuthenticatedStaff | null> {
    const staff = manager.getRepository(StaffUser);
    const user = await staff
      .createQueryBuilder('staff')
      .addSelect('staff.passwordHash')
      .where('staff.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    if (!user) return this.passwords.verifyAgainstNothing(password).then(() => null);
    const valid = await this.passwords.verify(user.passwordHash, password);
    if (!valid || !user.active) return null;
    await staff.update({ id: user.id }, { lastLoginAt: this.clock.now() });
    return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
  }

  findByEmail(email: string): Promise<StaffUser | null> {
    return this.staff.findOneBy({ email: email.trim().toLowerCase() });
  }

  async create(input: {
    email: string;
    displayName: string;
    password: string;
    role: StaffRole;
  }): Promise<StaffUser> {
    const user = this.staff.create({
      email: input.email.trim().toLowerCase(),
      displayName: input.displayName,
      passwordHash: await this.passwords.hash(input.password),
      role: input.role,
      active: true,
    });
    return this.staff.save(user);
  }
}
