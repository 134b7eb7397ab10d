-- Smart Lands are regional objects, written by coordinators only, like streams (lib/auth/permissions.ts,
-- `smartlands.write`; ARCHITECTURE.md's permission table). Administrators read them, as everyone does.
DROP POLICY smartland_insert ON "SmartLand";
DROP POLICY smartland_update ON "SmartLand";
DROP POLICY smartland_delete ON "SmartLand";
CREATE POLICY smartland_insert ON "SmartLand" FOR INSERT WITH CHECK (app_role() = 'COORDINATOR');
CREATE POLICY smartland_update ON "SmartLand" FOR UPDATE
  USING (app_role() = 'COORDINATOR') WITH CHECK (app_role() = 'COORDINATOR');
CREATE POLICY smartland_delete ON "SmartLand" FOR DELETE USING (app_role() = 'COORDINATOR');

DROP POLICY slmember_insert ON "SmartLandMember";
DROP POLICY slmember_update ON "SmartLandMember";
DROP POLICY slmember_delete ON "SmartLandMember";
CREATE POLICY slmember_insert ON "SmartLandMember" FOR INSERT WITH CHECK (app_role() = 'COORDINATOR');
CREATE POLICY slmember_update ON "SmartLandMember" FOR UPDATE
  USING (app_role() = 'COORDINATOR') WITH CHECK (app_role() = 'COORDINATOR');
CREATE POLICY slmember_delete ON "SmartLandMember" FOR DELETE USING (app_role() = 'COORDINATOR');
