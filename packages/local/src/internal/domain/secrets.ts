/** The key a workspace's secret is kept under in the state, shared by secrets and embedding providers. @internal */
export const secretKey = (workspace: string, name: string): string => `${workspace}/${name}`
