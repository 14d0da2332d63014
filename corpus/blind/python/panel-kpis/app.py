import panel as pn

from warehouse import cached_connection, fallback_frame, fresh_frame

pn.extension("tabulator")

region = pn.widgets.Select(name="Region", options=["EMEA", "AMER", "APJ"])


def kpi_table(region_name: str):
    conn = cached_connection()
    with conn.cursor() as cur:
        cur.execute("SELECT kpi, value FROM ops.kpi.by_region WHERE region = :r", {"r": region_name})
        return pn.widgets.Tabulator(cur.fetchall_arrow().to_pandas(), disabled=True)


def incidents(region_name: str):
    df = fresh_frame(f"SELECT * FROM ops.incidents.open WHERE region = '{region_name}'")
    return pn.widgets.Tabulator(df, disabled=True)


def sla(_region_name: str):
    return pn.widgets.Tabulator(fallback_frame("SELECT * FROM ops.kpi.sla"), disabled=True)


pn.template.FastListTemplate(
    title="Ops KPIs",
    sidebar=[region],
    main=[pn.bind(kpi_table, region), pn.bind(incidents, region), pn.bind(sla, region)],
).servable()
