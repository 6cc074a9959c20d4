//! Against a real three-node OpenSearch cluster (tests/cluster/, started by
//! tests/cluster/cluster.sh). Its ports are fixed and tests in one binary run
//! in parallel, so ONE test owns the cluster and runs its steps in order.

mod common;
use common::cluster;

#[test]
fn opensearch_cluster() {
    let Some(c) = cluster::start() else { return };

    // The cluster is whole: green with every node.
    let (status, body) = c.get("/_cluster/health");
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["cluster_name"], "econ-archive-test", "{body}");
    assert_eq!(v["status"], "green", "{body}");
    assert_eq!(v["number_of_nodes"], c.nodes, "{body}");
}
