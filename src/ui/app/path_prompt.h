// "Open…" (and "Compare…") where the platform has no file picker (the native app): a modal asking for a path.
#pragma once

namespace ui {

struct App;

// Draws the prompt while app.show_path_prompt is set; opens the file on Enter or "Open".
void DrawPathPrompt(App& app);

}  // namespace ui
