// Demand against places per destination as a bar chart. chart.js is loaded with this module only
// (the dashboard imports it lazily). A canvas says nothing to a screen reader: it is named as an
// image pointing at the table beside it, which carries the same figures.
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from "chart.js";
import { Bar } from "react-chartjs-2";
import { useTranslation } from "react-i18next";
import type { Dashboard } from "./types.ts";

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

export default function DemandChart({
  destinations,
  tableId,
}: {
  destinations: Dashboard["destinations"];
  tableId: string;
}) {
  const { t } = useTranslation();
  const labels = destinations.map((d) => d.agreementId);
  return (
    <div className="demand-chart" style={{ height: `${Math.max(16, destinations.length * 2.2 + 6)}rem` }}>
      <Bar
        role="img"
        aria-label={t("dashboard.chartLabel")}
        aria-describedby={tableId}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          indexAxis: "y",
          animation: false,
          scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        }}
        data={{
          labels,
          datasets: [
            {
              label: t("dashboard.places"),
              data: destinations.map((d) => d.places),
              backgroundColor: "#4a5360",
            },
            {
              label: t("dashboard.firstChoice"),
              data: destinations.map((d) => d.demand.first),
              backgroundColor: "#003d7a",
            },
            {
              label: t("dashboard.anyChoice"),
              data: destinations.map((d) => d.demand.any),
              backgroundColor: "#b34700",
            },
          ],
        }}
      />
    </div>
  );
}
