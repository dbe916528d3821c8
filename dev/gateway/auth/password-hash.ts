// Password hashing with bcrypt, GoTrue's scheme, so hashes are interchangeable with it.
import bcrypt from 'bcryptjs';

/** GoTrue uses bcrypt.DefaultCost. */
const COST = 10;

/**
 * Compared against when the account does not exist, so an unknown email costs the same time as
 * a wrong password and response times do not reveal which accounts exist.
 */
const UNKNOWN_ACCOUNT_HASH = bcrypt.hashSync('no account has this password', COST);

export const hashPassword = (password: string) => bcrypt.hash(password, COST);

export async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? UNKNOWN_ACCOUNT_HASH);
  return hash !== null && matches;
}
