-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('OFFICER', 'COORDINATOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "Theme" AS ENUM ('RESEARCH_INNOVATION', 'DIGITAL_NETWORKS', 'BUSINESS_COMPETITIVENESS', 'ENERGY', 'ENVIRONMENT', 'CULTURE_TOURISM', 'TRANSPORT_MOBILITY', 'EMPLOYMENT', 'SOCIAL_INCLUSION_HEALTH', 'EDUCATION_TRAINING', 'PA_CAPACITY', 'URBAN_RURAL_RENEWAL', 'CHILDCARE_ELDERLY');

-- CreateEnum
CREATE TYPE "PnrrMission" AS ENUM ('M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7');

-- CreateEnum
CREATE TYPE "ProgrammeValue" AS ENUM ('INNOVATION', 'SUSTAINABILITY', 'COHESION', 'CONTAMINATION');

-- CreateEnum
CREATE TYPE "ProjectStatus" AS ENUM ('NOT_STARTED', 'DESIGN_STARTING', 'DESIGN', 'PROCUREMENT', 'EXECUTION', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "Health" AS ENUM ('ON_TRACK', 'AT_RISK', 'OFF_TRACK');

-- CreateEnum
CREATE TYPE "FundingSource" AS ENUM ('EU_FESR', 'EU_FSE', 'PNRR', 'FSC', 'STATE', 'REGION', 'METRO_CITY', 'COMUNE', 'PRIVATE', 'PPP', 'SPONSORSHIP', 'OTHER');

-- CreateEnum
CREATE TYPE "ActionKind" AS ENUM ('PLANNING', 'DESIGN', 'PROCUREMENT', 'WORKS', 'SERVICE', 'COMMUNICATION', 'MONITORING');

-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('TODO', 'IN_PROGRESS', 'DONE', 'BLOCKED');

-- CreateEnum
CREATE TYPE "IndicatorTheme" AS ENUM ('PEOPLE', 'PLANET', 'PROSPERITY', 'GOVERNANCE', 'PROPAGATION');

-- CreateTable
CREATE TABLE "Province" (
    "istat" VARCHAR(3) NOT NULL,
    "acronym" VARCHAR(2) NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Province_pkey" PRIMARY KEY ("istat")
);

-- CreateTable
CREATE TABLE "Comune" (
    "istat" VARCHAR(6) NOT NULL,
    "name" TEXT NOT NULL,
    "provinceIstat" VARCHAR(3) NOT NULL,
    "cadastralCode" VARCHAR(4) NOT NULL,
    "population" INTEGER NOT NULL,
    "member" BOOLEAN NOT NULL DEFAULT false,
    "memberSince" TIMESTAMP(3),
    "suspended" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Comune_pkey" PRIMARY KEY ("istat")
);

-- CreateTable
CREATE TABLE "SmartLand" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "leadIstat" VARCHAR(6),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmartLand_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SmartLandMember" (
    "smartLandId" UUID NOT NULL,
    "comuneIstat" VARCHAR(6) NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmartLandMember_pkey" PRIMARY KEY ("smartLandId","comuneIstat")
);

-- CreateTable
CREATE TABLE "Stream" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" VARCHAR(16) NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "theme" "Theme" NOT NULL,
    "pnrrMission" "PnrrMission",
    "values" "ProgrammeValue"[],
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Stream_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Project" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "comuneIstat" VARCHAR(6) NOT NULL,
    "smartLandId" UUID,
    "streamId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "cup" VARCHAR(15),
    "localCode" VARCHAR(40),
    "totalCost" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "plannedStart" DATE,
    "plannedEnd" DATE,
    "actualStart" DATE,
    "actualEnd" DATE,
    "status" "ProjectStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "health" "Health" NOT NULL DEFAULT 'ON_TRACK',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectPartner" (
    "projectId" UUID NOT NULL,
    "comuneIstat" VARCHAR(6) NOT NULL,
    "partnerIstat" VARCHAR(6) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProjectPartner_pkey" PRIMARY KEY ("projectId","partnerIstat")
);

-- CreateTable
CREATE TABLE "FundingLine" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "comuneIstat" VARCHAR(6) NOT NULL,
    "source" "FundingSource" NOT NULL,
    "programme" TEXT NOT NULL DEFAULT '',
    "year" INTEGER NOT NULL,
    "amountPlanned" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "amountCommitted" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "amountPaid" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FundingLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Action" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "comuneIstat" VARCHAR(6) NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "ActionKind" NOT NULL,
    "owner" TEXT NOT NULL DEFAULT '',
    "dueDate" DATE,
    "doneDate" DATE,
    "status" "ActionStatus" NOT NULL DEFAULT 'TODO',
    "cig" VARCHAR(10),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "projectId" UUID NOT NULL,
    "comuneIstat" VARCHAR(6) NOT NULL,
    "name" TEXT NOT NULL,
    "theme" "IndicatorTheme" NOT NULL,
    "unit" TEXT NOT NULL,
    "baseline" DECIMAL(18,4),
    "target" DECIMAL(18,4),
    "actual" DECIMAL(18,4),
    "period" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "comuneIstat" VARCHAR(6),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "passwordHash" TEXT,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "actorId" UUID,
    "actorRole" TEXT,
    "comuneIstat" VARCHAR(6),
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Province_acronym_key" ON "Province"("acronym");

-- CreateIndex
CREATE UNIQUE INDEX "Comune_cadastralCode_key" ON "Comune"("cadastralCode");

-- CreateIndex
CREATE INDEX "Comune_provinceIstat_idx" ON "Comune"("provinceIstat");

-- CreateIndex
CREATE INDEX "Comune_name_idx" ON "Comune"("name");

-- CreateIndex
CREATE UNIQUE INDEX "SmartLand_slug_key" ON "SmartLand"("slug");

-- CreateIndex
CREATE INDEX "SmartLandMember_comuneIstat_idx" ON "SmartLandMember"("comuneIstat");

-- CreateIndex
CREATE UNIQUE INDEX "Stream_code_key" ON "Stream"("code");

-- CreateIndex
CREATE INDEX "Project_comuneIstat_deletedAt_updatedAt_idx" ON "Project"("comuneIstat", "deletedAt", "updatedAt");

-- CreateIndex
CREATE INDEX "Project_streamId_idx" ON "Project"("streamId");

-- CreateIndex
CREATE INDEX "Project_smartLandId_idx" ON "Project"("smartLandId");

-- CreateIndex
CREATE INDEX "Project_status_idx" ON "Project"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Project_id_comuneIstat_key" ON "Project"("id", "comuneIstat");

-- CreateIndex
CREATE INDEX "ProjectPartner_partnerIstat_idx" ON "ProjectPartner"("partnerIstat");

-- CreateIndex
CREATE INDEX "ProjectPartner_comuneIstat_idx" ON "ProjectPartner"("comuneIstat");

-- CreateIndex
CREATE INDEX "FundingLine_projectId_idx" ON "FundingLine"("projectId");

-- CreateIndex
CREATE INDEX "FundingLine_comuneIstat_source_idx" ON "FundingLine"("comuneIstat", "source");

-- CreateIndex
CREATE INDEX "FundingLine_year_idx" ON "FundingLine"("year");

-- CreateIndex
CREATE INDEX "Action_projectId_dueDate_idx" ON "Action"("projectId", "dueDate");

-- CreateIndex
CREATE INDEX "Action_comuneIstat_status_dueDate_idx" ON "Action"("comuneIstat", "status", "dueDate");

-- CreateIndex
CREATE INDEX "Indicator_projectId_idx" ON "Indicator"("projectId");

-- CreateIndex
CREATE INDEX "Indicator_comuneIstat_idx" ON "Indicator"("comuneIstat");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_comuneIstat_idx" ON "User"("comuneIstat");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE INDEX "AuditEvent_comuneIstat_createdAt_idx" ON "AuditEvent"("comuneIstat", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_createdAt_idx" ON "AuditEvent"("entity", "entityId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- AddForeignKey
ALTER TABLE "Comune" ADD CONSTRAINT "Comune_provinceIstat_fkey" FOREIGN KEY ("provinceIstat") REFERENCES "Province"("istat") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmartLand" ADD CONSTRAINT "SmartLand_leadIstat_fkey" FOREIGN KEY ("leadIstat") REFERENCES "Comune"("istat") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmartLandMember" ADD CONSTRAINT "SmartLandMember_smartLandId_fkey" FOREIGN KEY ("smartLandId") REFERENCES "SmartLand"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SmartLandMember" ADD CONSTRAINT "SmartLandMember_comuneIstat_fkey" FOREIGN KEY ("comuneIstat") REFERENCES "Comune"("istat") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_comuneIstat_fkey" FOREIGN KEY ("comuneIstat") REFERENCES "Comune"("istat") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_smartLandId_fkey" FOREIGN KEY ("smartLandId") REFERENCES "SmartLand"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_streamId_fkey" FOREIGN KEY ("streamId") REFERENCES "Stream"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectPartner" ADD CONSTRAINT "ProjectPartner_projectId_comuneIstat_fkey" FOREIGN KEY ("projectId", "comuneIstat") REFERENCES "Project"("id", "comuneIstat") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectPartner" ADD CONSTRAINT "ProjectPartner_partnerIstat_fkey" FOREIGN KEY ("partnerIstat") REFERENCES "Comune"("istat") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingLine" ADD CONSTRAINT "FundingLine_projectId_comuneIstat_fkey" FOREIGN KEY ("projectId", "comuneIstat") REFERENCES "Project"("id", "comuneIstat") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_projectId_comuneIstat_fkey" FOREIGN KEY ("projectId", "comuneIstat") REFERENCES "Project"("id", "comuneIstat") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_projectId_comuneIstat_fkey" FOREIGN KEY ("projectId", "comuneIstat") REFERENCES "Project"("id", "comuneIstat") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_comuneIstat_fkey" FOREIGN KEY ("comuneIstat") REFERENCES "Comune"("istat") ON DELETE SET NULL ON UPDATE CASCADE;

