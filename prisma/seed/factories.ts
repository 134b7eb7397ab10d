import { randomUUID } from "node:crypto";
import type { Prisma } from "../../lib/generated/prisma/client";
import type { SeedDb } from "./client";

// Small factories for integration tests: one row each, random ids, sensible defaults that any
// field of `overrides` replaces. They write as the owner (no RLS): arrange data with them, then
// exercise the code under test through `withActor`.

function suffix(): string {
  return randomUUID().slice(0, 8);
}

/** The owning comune of a project, when the caller did not pass it (children carry it as tenant key). */
async function comuneOf(prisma: SeedDb, projectId: string, comuneIstat?: string): Promise<string> {
  if (comuneIstat) return comuneIstat;
  const project = await prisma.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { comuneIstat: true },
  });
  return project.comuneIstat;
}

export type CreateStreamInput = Partial<Prisma.StreamUncheckedCreateInput>;

export async function createStream(prisma: SeedDb, overrides: CreateStreamInput = {}) {
  const s = suffix();
  return prisma.stream.create({
    data: {
      id: randomUUID(),
      code: `T-${s}`.toUpperCase(),
      name: `Filone di prova ${s}`,
      description: "Filone creato da un test.",
      theme: "PA_CAPACITY",
      values: ["INNOVATION"],
      ...overrides,
    },
  });
}

export type CreateProjectInput = { comuneIstat: string; streamId: string; partnerIstats?: string[] } & Omit<
  Partial<Prisma.ProjectUncheckedCreateInput>,
  "comuneIstat" | "streamId" | "partners" | "fundingLines" | "actions" | "indicators"
>;

/** A project (and, with `partnerIstats`, its partner comuni). */
export async function createProject(prisma: SeedDb, input: CreateProjectInput) {
  const { comuneIstat, streamId, partnerIstats = [], ...overrides } = input;
  const project = await prisma.project.create({
    data: {
      id: randomUUID(),
      title: `Intervento di prova ${suffix()}`,
      summary: "Intervento creato da un test.",
      totalCost: "100000.00",
      plannedStart: new Date("2025-01-01T00:00:00.000Z"),
      plannedEnd: new Date("2026-12-31T00:00:00.000Z"),
      status: "DESIGN",
      health: "ON_TRACK",
      progress: 20,
      ...overrides,
      comuneIstat,
      streamId,
    },
  });
  if (partnerIstats.length > 0) {
    await prisma.projectPartner.createMany({
      data: partnerIstats.map((partnerIstat) => ({ projectId: project.id, comuneIstat, partnerIstat })),
    });
  }
  return project;
}

export type CreateFundingLineInput = { projectId: string; comuneIstat?: string } & Omit<
  Partial<Prisma.FundingLineUncheckedCreateInput>,
  "projectId" | "comuneIstat"
>;

export async function createFundingLine(prisma: SeedDb, input: CreateFundingLineInput) {
  const { projectId, comuneIstat, ...overrides } = input;
  return prisma.fundingLine.create({
    data: {
      id: randomUUID(),
      source: "COMUNE",
      programme: "Bilancio comunale – avanzo di amministrazione",
      year: 2025,
      amountPlanned: "50000.00",
      amountCommitted: "30000.00",
      amountPaid: "10000.00",
      ...overrides,
      projectId,
      comuneIstat: await comuneOf(prisma, projectId, comuneIstat),
    },
  });
}

export type CreateActionInput = { projectId: string; comuneIstat?: string } & Omit<
  Partial<Prisma.ActionUncheckedCreateInput>,
  "projectId" | "comuneIstat"
>;

export async function createAction(prisma: SeedDb, input: CreateActionInput) {
  const { projectId, comuneIstat, ...overrides } = input;
  return prisma.action.create({
    data: {
      id: randomUUID(),
      title: `Azione di prova ${suffix()}`,
      kind: "PLANNING",
      owner: "Ufficio tecnico – LL.PP.",
      dueDate: new Date("2026-12-31T00:00:00.000Z"),
      status: "TODO",
      ...overrides,
      projectId,
      comuneIstat: await comuneOf(prisma, projectId, comuneIstat),
    },
  });
}

export type CreateIndicatorInput = { projectId: string; comuneIstat?: string } & Omit<
  Partial<Prisma.IndicatorUncheckedCreateInput>,
  "projectId" | "comuneIstat"
>;

export async function createIndicator(prisma: SeedDb, input: CreateIndicatorInput) {
  const { projectId, comuneIstat, ...overrides } = input;
  return prisma.indicator.create({
    data: {
      id: randomUUID(),
      name: `Indicatore di prova ${suffix()}`,
      theme: "PEOPLE",
      unit: "n.",
      baseline: "0",
      target: "100",
      actual: "40",
      period: "2025",
      ...overrides,
      projectId,
      comuneIstat: await comuneOf(prisma, projectId, comuneIstat),
    },
  });
}
