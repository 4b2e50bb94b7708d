"""Documents for teachers and students: class reports, per-student feedback, worked solutions.

Markdown and self-contained HTML (MathML, inline style, figures embedded), and
LaTeX for worked solutions. The mathematics is formatted by ``tutor.render``.
"""
