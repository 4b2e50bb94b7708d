"""The reading layer: learner text -> SymPy objects, and SymPy objects -> learner text."""
