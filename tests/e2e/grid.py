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


def edit_cell(page, grid_locator, row: int, column: int, text: str, tries: int = 4) -> None:
    """Type ``text`` into the cell at ``row`` (0 = first data row) and ``column`` (0 = first), as an analyst does:
    click the row's first cell, move right with the arrow keys, Enter opens the cell's editor, replace its text,
    Enter again keeps it. The editor must open on that very cell (its text is the cell's, and it is editable): a
    click that lands while the page is still moving selects another cell, so the gesture is then tried again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    target = grid_locator.locator(f"td#glide-cell-{column}-{row}")
    editor = page.locator("#portal textarea, #portal input").first
    for attempt in range(tries):
        wait_for_cells(grid_locator)
        box = grid_locator.locator("canvas").first.bounding_box()
        page.mouse.click(box["x"] + 20, box["y"] + ROW_HEIGHT * (row + 1) + ROW_HEIGHT / 2)
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        try:
            editor.wait_for(state="visible", timeout=5_000)
            on_target = editor.is_enabled() and editor.input_value() == (target.text_content(timeout=2_000) or "")
        except PlaywrightTimeout:
            on_target = False
        if not on_target:
            if attempt == tries - 1:
                raise AssertionError(f"could not open the editor of cell ({row}, {column}) in {tries} tries")
            page.keyboard.press("Escape")
            editor.wait_for(state="detached", timeout=5_000)
            continue
        editor.fill(text)
        editor.press("Enter")
        editor.wait_for(state="detached", timeout=10_000)
        target.filter(has_text=text).wait_for(state="attached", timeout=10_000)
        return
