// sphinx-copybutton's own Chinese tooltips end in an ASCII "!"; use the edition's style.
// (``messages`` is a top-level const of copybutton.js, which is loaded before this file.)
if (typeof messages !== "undefined" && messages["zh-CN"]) {
  Object.assign(messages["zh-CN"], {
    copy: "复制",
    copy_to_clipboard: "复制到剪贴板",
    copy_success: "已复制！",
    copy_failure: "复制失败",
  });
}
