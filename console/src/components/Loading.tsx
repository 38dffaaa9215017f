import { Spin } from "antd";

/** A plain spinner in the page (the fullscreen one locks scrolling with an inline <style> the CSP refuses). */
export function Loading() {
  return (
    <div className="gk-loading" role="status" aria-label="加载中">
      <Spin />
    </div>
  );
}
