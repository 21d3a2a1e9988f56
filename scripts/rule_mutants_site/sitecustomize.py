"""Applies rule mutant number RULE_MUTANT right after `decision.rules` is imported.

Python runs `sitecustomize` at the start of every process with this folder on PYTHONPATH, so
the test process and every `python -m decision` it starts see the same mutant, while the
package's own files stay untouched. Used only by scripts/rule_mutants.py.
"""

import importlib.abc
import importlib.machinery
import os
import sys


class _MutateAfterImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "decision.rules":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
            import rule_mutants

            module.RULES, module.ORDERED = rule_mutants.mutated(module.RULES, int(os.environ["RULE_MUTANT"]))

        spec.loader.exec_module = exec_module
        return spec


if os.environ.get("RULE_MUTANT"):
    sys.meta_path.insert(0, _MutateAfterImport())
