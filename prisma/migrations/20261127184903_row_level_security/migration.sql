-- Row-level security on every table that carries an organization (issue #9).
--
-- The app connects as an ordinary role that does not own these tables (docs/operations.md). Once a command has
-- checked the actor's role in an organization, it narrows its transaction to that organization with
-- set_config('yishi.org_scope', '<org id>', true) (server/auth/scope.ts); from then on PostgreSQL itself refuses to
-- show or write another organization's rows in that transaction, whatever the code after the check does. Work with
-- no organization yet (looking up which organization a meeting belongs to, the checkpointer, public pages) runs
-- unscoped. FORCE applies the policies to the tables' owner too; a superuser or BYPASSRLS role skips them, which is
-- why the server refuses to start as one (server/db/role.ts).

CREATE OR REPLACE FUNCTION yishi_org_in_scope(org text) RETURNS boolean
  LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE coalesce(current_setting('yishi.org_scope', true), '')
      WHEN '' THEN true
      ELSE org = ANY (string_to_array(current_setting('yishi.org_scope', true), ','))
    END
  $$;

ALTER TABLE "Organization" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Organization" FORCE ROW LEVEL SECURITY;
-- A village admin creating a cooperative inserts a row whose parent is in scope.
CREATE POLICY "Organization_scope" ON "Organization"
  USING (yishi_org_in_scope("id") OR ("parentId" IS NOT NULL AND yishi_org_in_scope("parentId")))
  WITH CHECK (yishi_org_in_scope("id") OR ("parentId" IS NOT NULL AND yishi_org_in_scope("parentId")));

ALTER TABLE "Household" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Household" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Household_scope" ON "Household" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "Person" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Person" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Person_scope" ON "Person" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "OrgRole" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "OrgRole" FORCE ROW LEVEL SECURITY;
CREATE POLICY "OrgRole_scope" ON "OrgRole" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "Body" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Body" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Body_scope" ON "Body" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "Meeting" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Meeting" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Meeting_scope" ON "Meeting" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "Matter" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Matter" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Matter_scope" ON "Matter" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "Notice" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Notice" FORCE ROW LEVEL SECURITY;
CREATE POLICY "Notice_scope" ON "Notice" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "SupervisionOpinion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SupervisionOpinion" FORCE ROW LEVEL SECURITY;
CREATE POLICY "SupervisionOpinion_scope" ON "SupervisionOpinion" USING (yishi_org_in_scope("orgId")) WITH CHECK (yishi_org_in_scope("orgId"));

-- The audit tables: read and append only. With no UPDATE or DELETE policy, row security alone already leaves an
-- UPDATE or DELETE nothing to touch; the triggers of the audit_append_only migration refuse them loudly, TRUNCATE
-- included, and the app role is never granted them (server/db/role.ts).
ALTER TABLE "AuditEntry" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditEntry" FORCE ROW LEVEL SECURITY;
CREATE POLICY "AuditEntry_read" ON "AuditEntry" FOR SELECT USING (yishi_org_in_scope("orgId"));
CREATE POLICY "AuditEntry_append" ON "AuditEntry" FOR INSERT WITH CHECK (yishi_org_in_scope("orgId"));

ALTER TABLE "AuditCheckpoint" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditCheckpoint" FORCE ROW LEVEL SECURITY;
CREATE POLICY "AuditCheckpoint_read" ON "AuditCheckpoint" FOR SELECT USING (yishi_org_in_scope("orgId"));
CREATE POLICY "AuditCheckpoint_append" ON "AuditCheckpoint" FOR INSERT WITH CHECK (yishi_org_in_scope("orgId"));
