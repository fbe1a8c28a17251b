import * as Groups from "@hotdata-effect/kernel/groups"
import { assert, describe, it } from "vitest"

describe("Groups.groupsOf", () => {
  const operations = [
    { group: "databases", name: "list", pagination: { style: "offset" } },
    { group: "databases", name: "get" },
    { group: "jobs", name: "list", pagination: { style: "cursor" } }
  ]

  it("puts each operation in its group, with a Stream method for a paginated one", () => {
    const groups = Groups.groupsOf(operations, (op) => ({ method: `${op.group}.${op.name}`, stream: `${op.name}*` }))
    assert.deepStrictEqual(groups, {
      databases: { list: "databases.list", listStream: "list*", get: "databases.get" },
      jobs: { list: "jobs.list", listStream: "list*" }
    })
  })

  it("gives no Stream method to an unpaginated operation, nor where the binder has none", () => {
    const groups = Groups.groupsOf(operations, (op) => ({ method: op.name }))
    assert.deepStrictEqual(groups, { databases: { list: "list", get: "get" }, jobs: { list: "list" } })
  })
})
