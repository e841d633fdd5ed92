-- A TOTP code is accepted once: the last time step used is kept with the account.
ALTER TABLE "User" ADD COLUMN "totpLastStep" INTEGER;
