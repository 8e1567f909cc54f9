"""Find the sheet of paper in a phone photo: its four corners, or None for a flat scan.

The paper is the bright, smooth region around the middle of the photo. On a reduced copy with the
print closed away, shadows and uneven light change the sheet's brightness slowly, while at the page
edge the desk is a step darker: steep changes are walls, and the piece of the rest around a bright
spot near the middle is the sheet. Its outline gives four corners, which are then moved onto the
steepest brightness change across each side (to a fraction of a pixel of the reduced copy).

A page only counts as photographed when the fill stays clear of the image border (there is desk all
round), the region is a convex quadrilateral that fills its outline, the desk just outside is
clearly darker than the paper just inside, and the quad is not simply a scan's page: a rectangle
covering most of the image (a scan with a dark border or a frame ruled near the edge).
"""

from __future__ import annotations

import logging

import cv2
import numpy as np

log = logging.getLogger(__name__)

WORK_SIDE = 640  # px: long side of the reduced copy the search runs on
EDGE_GRADIENT = 4.0  # gray levels per px (reduced copy): steeper is a page edge or print, not shading
MAX_CONTACT = 0.3  # share of the image's edge the paper may run along (a scan's paper runs along all of it)
MIN_AREA, MAX_AREA = 0.2, 0.97  # the quad's share of the image
SCAN_AREA = 0.8  # a near-rectangle covering more than this is a scan's page, not a photo
RECTANGLE_TOLERANCE = 0.012  # corners off a true rectangle by under this share of the diagonal
MIN_FILL = 0.93  # the region must cover this share of its quad
MAX_EDGE_RATIO = 0.9  # desk brightness just outside / paper brightness just inside, at most
_CLOSE = 7  # px on the reduced copy: wider than a stroke of print, so text is closed away
_EDGE_SEARCH = 6.0  # px on the reduced copy: how far either side of a side its edge is looked for


def find_page_quad(gray: np.ndarray) -> np.ndarray | None:
    """The photographed page's corners (4x2 float32, clockwise from top left, in `gray`'s pixels).

    None when the image is not a photo of a page on a background (a scan, a page filling the frame,
    or nothing page-like found).
    """
    scale = WORK_SIDE / max(gray.shape[:2])
    if scale >= 1.0:
        return None  # too small to be a phone photo
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (_CLOSE, _CLOSE))
    paper = cv2.GaussianBlur(cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel), (0, 0), 1.0)
    region = _fill_from_centre(paper)
    if region is None:
        return None
    quad = _quad_of(region, paper)
    if quad is None or not _is_photo(quad, region, paper):
        return None
    return ((quad + 0.5) / scale - 0.5).astype(np.float32)  # pixel centres of the reduced copy


def _fill_from_centre(paper: np.ndarray) -> np.ndarray | None:
    """The smooth region around the brightest spot near the middle (uint8 0/1), or None.

    Pixels where brightness changes faster than EDGE_GRADIENT per pixel are walls; the region is
    the seed's connected piece of the rest. (A flood fill with a floating tolerance would leak
    along a slightly slanted page edge, whose blurred pixels change slowly along it.)
    """
    h, w = paper.shape
    gx = cv2.Sobel(paper, cv2.CV_32F, 1, 0, ksize=3, scale=1 / 8)
    gy = cv2.Sobel(paper, cv2.CV_32F, 0, 1, ksize=3, scale=1 / 8)
    walls = cv2.dilate((cv2.magnitude(gx, gy) > EDGE_GRADIENT).astype(np.uint8), np.ones((3, 3), np.uint8))
    seed_area = cv2.blur(paper, (15, 15))[h // 4:3 * h // 4, w // 4:3 * w // 4].astype(np.int32)
    seed_area[walls[h // 4:3 * h // 4, w // 4:3 * w // 4] > 0] = -1
    y, x = np.unravel_index(int(np.argmax(seed_area)), seed_area.shape)
    _, labels = cv2.connectedComponents(1 - walls, connectivity=4)
    region = (labels == labels[y + h // 4, x + w // 4]).astype(np.uint8)
    frame = np.concatenate([region[0], region[-1], region[:, 0], region[:, -1]])
    if frame.mean() > MAX_CONTACT:
        log.debug("page region runs along %.0f %% of the image edge: no desk around it", 100 * frame.mean())
        return None
    return region


def _quad_of(region: np.ndarray, paper: np.ndarray) -> np.ndarray | None:
    """Four corners fitted to the region's outline (clockwise from top left), or None."""
    contours, _ = cv2.findContours(region, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    if not contours:
        return None
    outline = max(contours, key=cv2.contourArea)
    hull = cv2.convexHull(outline)
    perimeter = cv2.arcLength(hull, True)
    corners = None
    for eps in (0.01, 0.02, 0.03, 0.05, 0.08):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            corners = approx.reshape(4, 2).astype(np.float32)
            break
    if corners is None:
        return None
    return _refine(_order(corners), paper)


def _order(corners: np.ndarray) -> np.ndarray:
    """Corners ordered clockwise (in image coordinates) starting from the top left."""
    centre = corners.mean(axis=0)
    angles = np.arctan2(corners[:, 1] - centre[1], corners[:, 0] - centre[0])
    ordered = corners[np.argsort(angles)]  # clockwise on screen, from the left-most angle
    start = int(np.argmin(ordered.sum(axis=1)))
    return np.roll(ordered, -start, axis=0)


def _refine(corners: np.ndarray, paper: np.ndarray) -> np.ndarray:
    """Corners as the crossings of straight lines fitted to the page edge found along each side.

    The region stops a few pixels short of the edge (the wall is as wide as the blurred step), so
    each side is moved onto the steepest brightness change across it, found at points along it,
    with sub-pixel precision. A side with too few clear edge points (one lying on the image border)
    keeps its polygon line.
    """
    centre = corners.mean(axis=0)
    offsets = np.arange(-_EDGE_SEARCH, _EDGE_SEARCH + 0.25, 0.5, dtype=np.float32)
    lines = []
    for i in range(4):
        a, b = corners[i], corners[(i + 1) % 4]
        direction = (b - a) / max(float(np.linalg.norm(b - a)), 1e-6)
        normal = np.array([direction[1], -direction[0]], np.float32)
        if normal @ (a - centre) < 0:
            normal = -normal  # pointing out of the page
        points = a + np.linspace(0.08, 0.92, 48, dtype=np.float32)[:, None] * (b - a)
        found = _edge_points(paper, points, normal, offsets)
        if len(found) >= 12:
            vx, vy, x0, y0 = cv2.fitLine(found, cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
            lines.append((np.array([x0, y0], np.float32), np.array([vx, vy], np.float32)))
        else:
            lines.append((a, direction))
    refined = []
    for i in range(4):
        crossing = _crossing(lines[i - 1], lines[i])  # the sides before and after corner i
        if crossing is None:
            return corners
        refined.append(crossing)
    out = np.array(refined, dtype=np.float32)
    if np.abs(out - corners).max() > 2 * _EDGE_SEARCH + 4:
        return corners  # the fit went astray; keep the polygon's corners
    return out


def _edge_points(paper: np.ndarray, points: np.ndarray, normal: np.ndarray,
                 offsets: np.ndarray) -> np.ndarray:
    """Where the brightness falls fastest along the normal through each point (clear edges only)."""
    xs = (points[:, 0:1] + offsets[None, :] * normal[0]).astype(np.float32)
    ys = (points[:, 1:2] + offsets[None, :] * normal[1]).astype(np.float32)
    profiles = cv2.remap(paper.astype(np.float32), xs, ys, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    drops = profiles[:, :-1] - profiles[:, 1:]  # positive where it gets darker outwards
    best = np.argmax(drops, axis=1)
    found = []
    for row, j in enumerate(best):
        if drops[row, j] < 2 * EDGE_GRADIENT * 0.5:  # per half-pixel step
            continue
        shift = 0.0
        if 0 < j < drops.shape[1] - 1:
            left, mid, right = drops[row, j - 1], drops[row, j], drops[row, j + 1]
            curvature = left - 2 * mid + right
            if curvature < 0:
                shift = 0.5 * (left - right) / curvature
        at = offsets[j] + 0.25 + 0.5 * shift  # the drop sits between samples j and j + 1
        found.append(points[row] + at * normal)
    return np.array(found, dtype=np.float32).reshape(-1, 2)


def _crossing(first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray]) -> np.ndarray | None:
    """Where two lines given as (point, direction) cross, or None when they are parallel."""
    (p, u), (q, v) = first, second
    det = float(u[0] * -v[1] - u[1] * -v[0])
    if abs(det) < 1e-6:
        return None
    t = float((q - p)[0] * -v[1] - (q - p)[1] * -v[0]) / det
    return p + t * u


def _is_photo(quad: np.ndarray, region: np.ndarray, paper: np.ndarray) -> bool:
    """Whether the quad is a photographed sheet on a desk rather than a scan's page."""
    h, w = region.shape
    area = cv2.contourArea(quad)
    share = area / (h * w)
    if not MIN_AREA <= share <= MAX_AREA or not cv2.isContourConvex(quad.reshape(-1, 1, 2)):
        log.debug("page quad rejected: covers %.2f of the image", share)
        return False
    if _angles_off(quad) > 30.0:
        log.debug("page quad rejected: not a plausible sheet in perspective")
        return False
    if region.sum() < MIN_FILL * area:
        log.debug("page quad rejected: region fills only %.2f of it", region.sum() / area)
        return False
    if share > SCAN_AREA and _rectangularity(quad) < RECTANGLE_TOLERANCE:
        log.debug("page quad rejected: a rectangle over %.2f of the image (a scan's page)", share)
        return False
    ratio = _edge_ratio(quad, paper)
    if ratio > MAX_EDGE_RATIO:
        log.debug("page quad rejected: outside/inside brightness %.2f", ratio)
        return False
    return True


def _angles_off(quad: np.ndarray) -> float:
    """The largest difference from 90 degrees among the quad's corner angles."""
    worst = 0.0
    for i in range(4):
        u, v = quad[i - 1] - quad[i], quad[(i + 1) % 4] - quad[i]
        cos = float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v) + 1e-9))
        worst = max(worst, abs(np.degrees(np.arccos(np.clip(cos, -1, 1))) - 90.0))
    return worst


def _rectangularity(quad: np.ndarray) -> float:
    """How far the quad's corners are from its best-fitting rectangle, as a share of the diagonal."""
    box = cv2.boxPoints(cv2.minAreaRect(quad))
    distances = np.linalg.norm(quad[:, None, :] - box[None, :, :], axis=2).min(axis=1)
    return float(distances.max() / np.linalg.norm(np.ptp(quad, axis=0)))


def _edge_ratio(quad: np.ndarray, paper: np.ndarray) -> float:
    """Median brightness of a band just outside the quad over that of a band just inside."""
    centre = quad.mean(axis=0)
    size = float(np.linalg.norm(np.ptp(quad, axis=0)))
    band = max(2.0, 0.015 * size)

    def grown(offset: float) -> np.ndarray:
        out = centre + (quad - centre) * (1 + offset / (0.5 * size))
        return np.round(out).astype(np.int32).reshape(-1, 1, 2)

    def ring(outer: float, inner: float) -> np.ndarray:
        mask = np.zeros(paper.shape, np.uint8)
        cv2.fillPoly(mask, [grown(outer)], 1)
        cv2.fillPoly(mask, [grown(inner)], 0)
        return paper[mask > 0]

    outside, inside = ring(2 * band, band), ring(-band, -2 * band)
    if outside.size == 0 or inside.size == 0:
        return 1.0
    return float(np.median(outside)) / max(1.0, float(np.median(inside)))
