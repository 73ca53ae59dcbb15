"""Errors of the fast validator: a shape it cannot validate, or data pySHACL would refuse too."""

from __future__ import annotations

from lineage.errors import LineageError


class ShapeError(LineageError):
    """A shape that cannot be validated as written: names the shape, what is wrong and the fix (en + vi)."""

    def __init__(self, shape: str, problem: str, problem_vi: str, fix: str = "", fix_vi: str = "") -> None:
        super().__init__(problem)
        self.shape = shape
        self.problem = problem
        self.problem_vi = problem_vi
        self.fix = fix
        self.fix_vi = fix_vi

    def __str__(self) -> str:
        lines = [f"shape {self.shape}: {self.problem}", f"  ràng buộc {self.shape}: {self.problem_vi}"]
        if self.fix:
            lines.append(f"  fix / cách sửa: {self.fix}" + (f" / {self.fix_vi}" if self.fix_vi else ""))
        return "\n".join(lines)


def unsupported(shape: str, feature: str) -> ShapeError:
    """The error for a SHACL feature the fast validator does not implement (it is never skipped)."""
    return ShapeError(
        shape,
        f"uses {feature}, which the fast validator does not support",
        f"dùng {feature}, bộ kiểm tra nhanh chưa hỗ trợ",
        "validate these shapes with pySHACL (lineage validate), or express the check with SHACL Core or sh:sparql",
        "kiểm tra các ràng buộc này bằng pySHACL (lineage validate), hoặc viết lại bằng SHACL Core hay sh:sparql",
    )


class DataError(LineageError):
    """The data cannot be validated against a shape (pySHACL stops on the same data)."""
