"""Reading and editing Streamlit's data grids (glide-data-grid) in the browser: the grid draws on a canvas, so a
cell is edited by clicking its place and typing, and read from the grid's accessibility table (rows in view)."""

from __future__ import annotations

ROW_HEIGHT = 35  # Streamlit's default row height, the header's too


def grid(page, index: int = 0):
    """The ``index``-th data grid on the page (``st.dataframe`` and ``st.data_editor`` alike)."""
    return page.locator("[data-testid=stDataFrame]").nth(index)


def wait_for_cells(grid_locator, timeout: float = 20_000) -> None:
    """Until the grid has drawn its cells (its canvas takes clicks only then)."""
    grid_locator.locator("td").first.wait_for(state="attached", timeout=timeout)


def cell_texts(grid_locator) -> list[list[str]]:
    """The rows the grid has drawn, as text, column by column (columns scrolled out of view are left out)."""
    return grid_locator.evaluate(
        """g => [...g.querySelectorAll('tr')].map(tr => [...tr.querySelectorAll('td')].map(td => td.textContent))
             .filter(r => r.length)"""
    )


def _selected(grid_locator) -> tuple[int, int] | None:
    """The (row, column) of the one cell the grid reports as selected (its accessibility table), or None."""
    ids = grid_locator.locator("td[aria-selected=true]").evaluate_all("tds => tds.map(td => td.id)")
    if len(ids) != 1 or not ids[0].startswith("glide-cell-"):
        return None
    column, row = (int(n) for n in ids[0].removeprefix("glide-cell-").split("-"))
    return row, column


def _settled(page, grid_locator) -> tuple[int, int] | None:
    """The selected cell once the grid has stopped moving (three reads over 450 ms agree)."""
    reads = [_selected(grid_locator)]
    for _ in range(30):
        page.wait_for_timeout(150)
        reads.append(_selected(grid_locator))
        if reads[-1] is not None and reads[-3:].count(reads[-1]) == 3:
            return reads[-1]
    return reads[-1]


def select_cell(page, grid_locator, row: int, column: int, rounds: int = 10) -> None:
    """Select the cell at ``row``/``column`` with the keyboard, as an analyst does, and check with the grid which cell
    it selected. Counting key presses is not enough: a press that lands while the grid is still redrawing is lost,
    and a grid scrolled sideways puts another column under the first click, where Enter would toggle or open a wrong
    cell. So: click the row, press the arrows the grid says are still missing, read back, until it is the cell."""
    wait_for_cells(grid_locator)
    box = grid_locator.locator("canvas").first.bounding_box()
    page.mouse.click(box["x"] + 20, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2)
    for _ in range(rounds):
        at = _settled(page, grid_locator)
        if at == (row, column):
            return
        if at is None:
            continue
        for key, n in (("ArrowDown", row - at[0]), ("ArrowUp", at[0] - row)):
            for _ in range(max(n, 0)):
                page.keyboard.press(key)
        for key, n in (("ArrowRight", column - at[1]), ("ArrowLeft", at[1] - column)):
            for _ in range(max(n, 0)):
                page.keyboard.press(key)
    raise AssertionError(f"could not select cell ({row}, {column}); the grid reports {_selected(grid_locator)}")


def edit_cell(page, grid_locator, row: int, column: int, text: str) -> None:
    """Type ``text`` into the cell at ``row`` (0 = first data row) and ``column`` (0 = first), as an analyst does:
    select the cell, Enter opens its editor, replace its text, Enter again keeps it. The editor must have opened on
    that very cell (its text is the cell's, and it is editable) before anything is typed."""
    target = grid_locator.locator(f"td#glide-cell-{column}-{row}")
    editor = page.locator("#portal textarea, #portal input").first
    select_cell(page, grid_locator, row, column)
    page.keyboard.press("Enter")
    editor.wait_for(state="visible", timeout=10_000)
    assert editor.is_enabled() and editor.input_value() == (target.text_content(timeout=2_000) or ""), (
        f"the editor that opened is not cell ({row}, {column})'s"
    )
    editor.fill(text)
    editor.press("Enter")
    editor.wait_for(state="detached", timeout=10_000)
    target.filter(has_text=text).wait_for(state="attached", timeout=10_000)
