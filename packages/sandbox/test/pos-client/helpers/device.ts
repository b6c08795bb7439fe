import type { PosDeviceInfo } from "@mia-sdk/core"

/** The device of the test terminal; a fixed installation id so restarts look like one device. */
export const testDevice: PosDeviceInfo = {
  device: "Vitest runner",
  platformType: "external_system",
  platformVersion: "20.20",
  installationId: "628f8a47-50a4-47e4-be12-af6c4dac9573",
  nativeAppVersion: 7,
  posAppVersion: 12
}

export const TERMINAL = { terminalId: "10001", merchantIdno: "1003600012345" } as const
export const SELLER = { username: "seller", password: "sandbox" } as const
