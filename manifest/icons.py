"""Tandem's two icons, drawn from geometry: two linked rings, a mentor and a mentee.

Teams asks for a full-colour 192×192 icon and a 32×32 outline icon that is white on a
transparent background. Drawing them here keeps the package reproducible from the source tree
without an image library.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np
from numpy.typing import NDArray

ACCENT = (15, 108, 189)  # #0F6CBD, the manifest's accentColor
WHITE = (255, 255, 255)
_SUPERSAMPLE = 4


def color_icon(size: int = 192) -> bytes:
    """The colour icon: white rings on the accent colour, edge to edge as Teams expects."""
    rings = _rings_coverage(size, stroke=0.075)
    rgba = np.empty((size, size, 4), dtype=np.float64)
    for channel in range(3):
        rgba[..., channel] = ACCENT[channel] * (1 - rings) + WHITE[channel] * rings
    rgba[..., 3] = 255
    return png(rgba.round().astype(np.uint8))


def outline_icon(size: int = 32) -> bytes:
    """The outline icon: white rings, everything else fully transparent."""
    rings = _rings_coverage(size, stroke=0.09, margin=0.1)
    rgba = np.zeros((size, size, 4), dtype=np.uint8)
    rgba[..., :3] = 255
    rgba[..., 3] = (rings * 255).round().astype(np.uint8)
    rgba[rgba[..., 3] == 0, :3] = 0
    return png(rgba)


def _rings_coverage(size: int, stroke: float, margin: float = 0.16) -> NDArray[np.float64]:
    """How much of each pixel two overlapping rings cover, from 0 to 1 (anti-aliased)."""
    fine = size * _SUPERSAMPLE
    centres = np.arange(fine) / fine + 0.5 / fine  # pixel centres in 0..1
    y, x = np.meshgrid(centres, centres, indexing="ij")
    radius = (1 - 2 * margin) / 3.2
    hit = np.zeros((fine, fine), dtype=bool)
    for cx in (0.5 - radius * 0.6, 0.5 + radius * 0.6):
        distance = np.hypot(x - cx, y - 0.5)
        hit |= np.abs(distance - radius) <= stroke / 2
    blocks = hit.reshape(size, _SUPERSAMPLE, size, _SUPERSAMPLE)
    coverage: NDArray[np.float64] = blocks.mean(axis=(1, 3))
    return coverage


def png(rgba: NDArray[np.uint8]) -> bytes:
    """Encode an RGBA image (height × width × 4, uint8) as a PNG file."""
    height, width, _ = rgba.shape
    raw = b"".join(b"\x00" + rgba[row].tobytes() for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)
