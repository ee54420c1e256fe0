"""Fail on any import cycle between modules of the package.

grimp (import-linter's graph) counts imports inside functions too, so a cycle
closed by a deferred import is a cycle here. The ``no-cycles`` contract in
pyproject.toml checks packages against each other; a feature's ``admin/``
sits inside its feature's package but above every rules floor, so that
contract ignores admin imports, and this script checks every module instead.
"""

import sys

import grimp


def strongly_connected(graph):
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    imported = graph.find_modules_directly_imported_by(child)
                    work.append((child, iter(sorted(imported))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def main():
    graph = grimp.build_graph("mentoring_wagtail", cache_dir=None)
    cycles = strongly_connected(graph)
    for component in cycles:
        print("Import cycle between:", ", ".join(component))
    print(f"{len(cycles)} import cycle(s) among {len(graph.modules)} modules.")
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main())
